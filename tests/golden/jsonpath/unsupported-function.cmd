jsonpath '$.store.book.length()' store.json
