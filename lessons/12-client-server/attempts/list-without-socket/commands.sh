curl http://localhost/v1.50/containers/json
