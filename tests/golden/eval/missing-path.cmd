eval "States.MathAdd($.x, 1)" -i in.json
