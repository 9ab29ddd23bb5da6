compile --asl choice.sfn
