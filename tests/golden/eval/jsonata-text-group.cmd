eval '{% $states.input.store.book{category: $sum(price)} %}' -i store.json -c
