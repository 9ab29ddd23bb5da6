eval '{% ($s := $states; $s.input.store.bicycle) %}' -i - -c
