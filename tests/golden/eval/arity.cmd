eval "States.MathAdd(1)"
