eval '{% $states.input %}' -i - -c
