lint bad.json missing.json
