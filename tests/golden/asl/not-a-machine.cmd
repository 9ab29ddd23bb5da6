lint ../lint/store.json
