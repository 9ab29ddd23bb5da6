eval '{% $count($states.input) %}' -c -i deep-1000.json
