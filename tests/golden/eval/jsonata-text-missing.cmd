eval '{% $states.input %}' -i @nope.json
