compile --asl tour.sfn
