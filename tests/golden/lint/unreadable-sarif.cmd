lint --format sarif missing.json .
