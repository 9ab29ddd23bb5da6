eval '{% $states.input.nothing %}' -i - -c
