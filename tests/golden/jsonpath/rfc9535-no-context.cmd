jsonpath --rfc9535 '$$.Execution' store.json
