jsonpath --paths -c '$..book[?(@.price > 20)]' store.json
