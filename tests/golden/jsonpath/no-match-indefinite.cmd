jsonpath -c '$.store.toys[*]' store.json
