compile --check err-asl-unreachable.sfn
