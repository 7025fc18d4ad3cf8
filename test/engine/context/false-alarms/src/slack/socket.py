from slack_sdk.socket_mode import SocketModeClient

def connect(listeners):
    return SocketModeClient(app_token="xapp-B222-333-abc", on_message_listeners=listeners)
