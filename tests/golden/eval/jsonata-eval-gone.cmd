eval '{% $eval("1") %}'
