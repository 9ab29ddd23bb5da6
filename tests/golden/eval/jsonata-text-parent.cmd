eval '{% $states.input.store.book[0].%.bicycle.color %}' -i store.json -c
