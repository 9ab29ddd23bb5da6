eval '{% $states.input %}' -i bad-store.json --context bad-store.json
