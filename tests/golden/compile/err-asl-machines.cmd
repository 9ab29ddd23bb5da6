compile --check err-asl-machines.sfn
