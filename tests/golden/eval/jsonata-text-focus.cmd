eval '{% $states.input.store.book@$b.$b.stock.qty %}' -i store.json -c
