eval '{% $states.input[0] %}' -i huge.json
