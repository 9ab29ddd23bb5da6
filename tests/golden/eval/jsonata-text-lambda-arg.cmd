eval '{% (function($s) { $s.input.store.bicycle.sizes })($states) %}' -i store.json -c
