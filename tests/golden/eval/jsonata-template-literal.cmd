eval ' {% $states.input.n %}' -i in.json
