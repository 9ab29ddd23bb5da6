compile --check --format github err-asl-unreachable.sfn
