eval '{% %}'
