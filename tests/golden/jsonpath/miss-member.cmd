jsonpath '$.store.bicycle.wheels' store.json
