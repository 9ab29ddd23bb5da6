jsonpath '$' context.json.missing
