jsonpath '$.store.book[0' store.json
