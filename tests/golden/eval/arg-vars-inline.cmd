eval '{% $k & $states.input.name %}' -i @in.json --vars '{"k": "Dr. "}'
