eval '{% $count($states.input) %}' -c -i deep-1001.json
