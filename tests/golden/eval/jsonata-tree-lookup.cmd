eval '{% $lookup($states.input.store, "bicycle") %}' -i - -c
