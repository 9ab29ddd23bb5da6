eval '{% $states.input.store.book#$i[$i = 1].author %}' -i - -c
