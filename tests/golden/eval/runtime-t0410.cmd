eval '{% $substring("abc", "x") %}'
