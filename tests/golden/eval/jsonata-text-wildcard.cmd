eval '{% $states.input.store.*.color %}' -i store.json -c
