eval '{% $states ~> $lookup("input") ~> $keys() %}' -i - -c
