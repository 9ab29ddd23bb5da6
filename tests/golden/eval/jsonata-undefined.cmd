eval '{% $states.input.nope %}' -i in.json
