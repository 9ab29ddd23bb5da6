eval '{% $states.input.store.book[0].%.bicycle.color %}' -i - -c
