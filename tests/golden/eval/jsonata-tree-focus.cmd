eval '{% $states.input.store.book@$b.$b.stock.qty %}' -i - -c
