eval '{% $states.input.n ~> $sum %}' -i -
