eval '{% $states.input.n ~> $sum %}' -i @in.json
