lint template-string.json
