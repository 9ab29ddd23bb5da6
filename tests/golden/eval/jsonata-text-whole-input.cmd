eval '{% $states.input %}' -i store.json -c
