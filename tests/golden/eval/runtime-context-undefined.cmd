eval '{% $substring(1, 2) %}'
