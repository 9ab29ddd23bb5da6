eval '{% $number("abc") %}'
