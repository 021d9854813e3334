curl -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
