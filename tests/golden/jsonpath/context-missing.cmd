jsonpath '$$.Execution.Id' store.json
