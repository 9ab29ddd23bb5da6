eval '{% $states.input.nothing %}' -i store.json -c
