lint bad.json
