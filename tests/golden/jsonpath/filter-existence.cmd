jsonpath -c '$..book[?(@.isbn)].isbn' store.json
