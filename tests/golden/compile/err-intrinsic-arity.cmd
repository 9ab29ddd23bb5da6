compile --check err-intrinsic-arity.sfn
