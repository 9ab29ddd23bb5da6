jsonpath '$..book[?(@.price <= $.expensive)]' store.json
