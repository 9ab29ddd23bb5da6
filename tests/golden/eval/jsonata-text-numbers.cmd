eval '{% $states.input.store.bicycle.sizes %}' -i store.json -c
