eval '$' -i @nope.json
