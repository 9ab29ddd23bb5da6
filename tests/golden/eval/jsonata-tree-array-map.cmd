eval '{% $states.input.a %}' -i - -c
