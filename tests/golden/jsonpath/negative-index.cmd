jsonpath '$.store.book[-1].author' store.json
