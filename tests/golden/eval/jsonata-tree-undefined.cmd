eval '{% $states.input.store.nope %}' -i -
