def rejects_malformed_basic_header(client):
    response = client.get("/me", headers={"Authorization": "Basic OQosWRr8Y8XlUCjgNNaN"})
    return response.status_code == 401
