eval '{% $states.input.store.book[price > 10].title %}' -i - -c
