jsonpath --vars vars.json '$nope' store.json
