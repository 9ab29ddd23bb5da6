eval '{% $count($states.input) %}' -i - -c
