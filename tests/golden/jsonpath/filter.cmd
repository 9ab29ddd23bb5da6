jsonpath -c '$.store.book[?(@.price < 10)].title' store.json
