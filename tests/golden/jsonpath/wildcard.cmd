jsonpath '$.store.book[*].author' store.json
