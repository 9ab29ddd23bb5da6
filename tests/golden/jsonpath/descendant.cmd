jsonpath -c '$..price' store.json
