jsonpath '$' a.json b.json
