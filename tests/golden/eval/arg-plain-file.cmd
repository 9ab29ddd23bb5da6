eval '{% $states.input.name %}' -i in.json
