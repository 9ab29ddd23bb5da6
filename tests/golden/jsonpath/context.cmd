jsonpath --context context.json '$$.Execution.Input.prompt' store.json
