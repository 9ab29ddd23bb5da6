eval '{% $states.input.name * 2 %}' -i @in.json
