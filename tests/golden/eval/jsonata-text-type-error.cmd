eval '{% $states.input.store.book[0].title + 1 %}' -i store.json
