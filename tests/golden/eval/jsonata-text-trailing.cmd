eval '{% $states.input %}' -i trail.json
