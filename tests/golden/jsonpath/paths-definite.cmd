jsonpath --paths '$.store.bicycle.color' store.json
