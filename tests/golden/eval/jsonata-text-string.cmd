eval '{% $string($states.input.store.book[2]) %}' -i store.json -c
