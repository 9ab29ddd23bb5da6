eval '{% $sum(1 2) %}'
