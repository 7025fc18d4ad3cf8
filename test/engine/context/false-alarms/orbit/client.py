class Client:
    """A client for the Orbit API.

    Example::

        client = Client(api_key="6mbxifUy8hrIsneyZeT4fyoIUZmlCUvo")
        client.ping()
    """

    def __init__(self, api_key):
        self.api_key = api_key
