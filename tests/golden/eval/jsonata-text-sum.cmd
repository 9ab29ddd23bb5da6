eval '{% $sum($states.input.store.book.price) %}' -i store.json
