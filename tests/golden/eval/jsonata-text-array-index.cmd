eval '{% $states.input[1].a %}' -i array.json -c
