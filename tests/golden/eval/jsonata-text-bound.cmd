eval '{% ($d := $states.input; $d.store.bicycle.color) %}' -i store.json -c
