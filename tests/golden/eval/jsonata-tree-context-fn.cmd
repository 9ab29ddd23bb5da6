eval '{% $states.input.store.book.$string() %}' -i - -c
