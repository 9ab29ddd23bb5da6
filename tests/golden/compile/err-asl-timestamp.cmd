compile --check err-asl-timestamp.sfn
