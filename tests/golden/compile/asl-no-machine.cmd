compile --asl no-machine.sfn
