eval '$$.Execution.Id' --context '{"Execution": {"Id": "e1"}}'
