eval '{% $states.input.name + 1 %}' -i in.json
