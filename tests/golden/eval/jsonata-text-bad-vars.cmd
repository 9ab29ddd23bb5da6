eval '{% $states.input %}' -i store.json --vars @nope.json
