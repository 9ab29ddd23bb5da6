eval '{% 1 + 2 %}' -i - -c
