eval '{% $states.input.store.book^(>price).title %}' -i - -c
