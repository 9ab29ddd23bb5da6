compile --asl two.sfn C
