eval '{% $states.input.a %}' -i array.json -c
