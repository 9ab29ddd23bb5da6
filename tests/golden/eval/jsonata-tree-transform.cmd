eval '{% $states.input.store ~> | book | {"price": 0}, ["isbn", "stock"] | %}' -i - -c
