compile --asl params.sfn
