eval '{% $states %}' -i store.json --context ctx.json
