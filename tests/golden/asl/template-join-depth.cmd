lint template-join-depth-16.json template-join-depth-17.json
