eval '{% $states.input.name & " " & $greeting %}' -i in.json --var 'greeting="hello"'
