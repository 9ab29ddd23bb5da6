eval '{% $states.input.**.color %}' -i - -c
