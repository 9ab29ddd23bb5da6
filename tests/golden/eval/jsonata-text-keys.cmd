eval '{% $keys($states.input.store) %}' -i store.json -c
