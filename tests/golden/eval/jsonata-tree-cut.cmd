eval '{% [$states.input.cut, $length($states.input.cut)] %}' -i - -c
