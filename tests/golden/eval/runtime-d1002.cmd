eval '{% -"a" %}'
