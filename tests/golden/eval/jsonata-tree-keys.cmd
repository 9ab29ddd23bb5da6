eval '{% $keys($states.input.store) %}' -i - -c
