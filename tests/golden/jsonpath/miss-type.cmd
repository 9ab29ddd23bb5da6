jsonpath '$.store.bicycle[0]' store.json
