jsonpath --vars vars.json '$user.name' store.json
