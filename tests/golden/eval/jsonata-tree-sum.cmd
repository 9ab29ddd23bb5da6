eval '{% $sum($states.input.store.book.price) %}' -i -
