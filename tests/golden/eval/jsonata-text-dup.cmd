eval '{% $states.input.dup %}' -i store.json -c
