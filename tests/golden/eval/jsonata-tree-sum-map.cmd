eval '{% $sum($map($states.input.store.book, function($b) { $b.price * $b.stock.qty })) %}' -i -
