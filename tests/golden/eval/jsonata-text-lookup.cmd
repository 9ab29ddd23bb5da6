eval '{% $lookup($states.input.store, "bicycle") %}' -i store.json -c
