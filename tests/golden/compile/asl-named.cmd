compile --asl two.sfn B
