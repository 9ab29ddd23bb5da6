eval '{% $states.input.store %}' -i bad-store.json
