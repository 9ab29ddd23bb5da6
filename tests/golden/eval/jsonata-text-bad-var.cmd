eval '{% $states.input %}' -i store.json --var nope
