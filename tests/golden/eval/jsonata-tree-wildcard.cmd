eval '{% $states.input.store.*.color %}' -i - -c
