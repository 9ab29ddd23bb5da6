jsonpath -c '$.store.book[1:3].price' store.json
