eval '{% $states.input.store.nope %}' -i store.json
