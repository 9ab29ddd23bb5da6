jsonpath -c "$..book[?(@.category == 'fiction' && @.isbn)].title" store.json
