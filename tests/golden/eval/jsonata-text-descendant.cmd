eval '{% $states.input.**.color %}' -i store.json -c
