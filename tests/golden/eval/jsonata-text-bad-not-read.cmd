eval '{% 1 + 2 %}' -i bad-store.json
