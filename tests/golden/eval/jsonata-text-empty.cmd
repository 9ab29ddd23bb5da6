eval '{% 1 %}' -i empty.json
