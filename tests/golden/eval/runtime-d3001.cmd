eval '{% $string(1/0) %}'
