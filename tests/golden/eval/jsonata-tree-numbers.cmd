eval '{% $states.input.store.bicycle.sizes %}' -i - -c
