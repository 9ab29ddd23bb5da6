jsonpath '$.store.book[0].title' store.json
