eval '{% $states.input %}' -i store.json --context bad-store.json
