eval '{% $states.input %}' -i badutf.json
