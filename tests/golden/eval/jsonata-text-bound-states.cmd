eval '{% ($s := $states; $s.input.store.bicycle) %}' -i store.json -c
