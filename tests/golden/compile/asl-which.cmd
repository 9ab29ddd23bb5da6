compile --asl two.sfn
