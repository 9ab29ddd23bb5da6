eval '{% $states.input[1].a %}' -i - -c
