eval '{% $states.input.store.book[$k].title %}' -i store.json -c --var k=1
