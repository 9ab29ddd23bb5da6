eval '{% [$greeting, $states.input.expensive] %}' -i - -c --vars vars.json
