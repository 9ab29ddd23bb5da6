eval '{% $states.input.store.book[$k].title %}' -i - -c --var k=1
