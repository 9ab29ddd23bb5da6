eval '{% [$greeting, $count, $extra] %}' --vars vars.json --var 'extra=1' --var 'count=3' -c
