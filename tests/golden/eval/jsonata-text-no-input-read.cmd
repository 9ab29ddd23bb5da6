eval '{% 1 + 2 %}' -i store.json -c
