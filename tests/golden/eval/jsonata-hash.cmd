eval '{% $hash($states.input.name, "SHA-256") %}' -i in.json
