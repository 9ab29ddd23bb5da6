eval '{% $random(7) = $random(7) %}'
