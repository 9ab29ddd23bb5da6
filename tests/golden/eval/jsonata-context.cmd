eval '{% $states.context.Execution.Name & ": " & $states.context.Execution.Input.prompt %}' --context ctx.json
