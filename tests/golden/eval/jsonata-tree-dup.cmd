eval '{% $states.input.dup %}' -i - -c
