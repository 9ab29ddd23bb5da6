eval '{% 1 + "a" %}'
