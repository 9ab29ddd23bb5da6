jsonpath -c '$.store.bicycle' store.json
