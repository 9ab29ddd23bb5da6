eval '{% $states.input.store.book.$string() %}' -i store.json -c
