eval '{% $states.input.store.book[0].title %}' -i - -c
