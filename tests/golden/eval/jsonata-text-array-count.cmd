eval '{% $count($states.input) %}' -i array.json -c
