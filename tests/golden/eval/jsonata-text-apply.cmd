eval '{% $states ~> $lookup("input") ~> $keys() %}' -i store.json -c
