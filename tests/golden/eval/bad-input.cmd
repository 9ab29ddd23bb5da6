eval '$' -i nope.json
