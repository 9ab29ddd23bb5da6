compile --check err-intrinsic-unknown.sfn
