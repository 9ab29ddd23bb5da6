eval '{% $states.input.name * 2 %}' -i '{"name": "Ana"}'
