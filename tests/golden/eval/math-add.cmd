eval "States.MathAdd($.n[2], -1)" -i in.json
