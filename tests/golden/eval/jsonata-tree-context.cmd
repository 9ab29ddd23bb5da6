eval '{% [$states.context.Execution.Name, $states.input.expensive] %}' -i - -c --context ctx.json
