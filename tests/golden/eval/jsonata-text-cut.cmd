eval '{% [$states.input.cut, $length($states.input.cut)] %}' -i store.json -c
