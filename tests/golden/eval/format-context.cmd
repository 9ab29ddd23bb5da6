eval 'States.Format('\''Human: {}'\'', $$.Execution.Input.prompt)' --context ctx.json
