eval "states.format('x')"
