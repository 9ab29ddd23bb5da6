eval '{% "a" < 1 %}'
