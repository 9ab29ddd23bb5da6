eval '{% $states.input.obj.(k %}'
