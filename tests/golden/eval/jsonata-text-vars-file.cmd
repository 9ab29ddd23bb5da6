eval '{% [$greeting, $states.input.expensive] %}' -i store.json -c --vars vars.json
