eval '{% $states.input.( %}' -i bad-store.json
