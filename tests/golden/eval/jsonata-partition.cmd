eval '{% $partition($range(1, 7, 2), 3) %}' -c
