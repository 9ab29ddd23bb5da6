eval '{% $states %}' -i - --context ctx.json
