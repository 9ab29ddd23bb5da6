eval '{% "a" + 1 %}'
