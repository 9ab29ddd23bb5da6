eval '{% [$states.context.Execution.Name, $states.input.expensive] %}' -i store.json -c --context ctx.json
