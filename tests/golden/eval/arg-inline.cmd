eval '{% $states.input.a + 1 %}' --input '{"a": 2}'
