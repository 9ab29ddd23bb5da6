eval '{% $states.input.store.book^(>price).title %}' -i store.json -c
