jsonpath 'store.book' store.json
