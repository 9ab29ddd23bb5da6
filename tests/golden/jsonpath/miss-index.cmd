jsonpath '$.store.book[7].title' store.json
