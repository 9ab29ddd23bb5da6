eval '{% $states.input.store.book[0].title %}' -i store.json -c
