eval "States.Fromat('x')"
