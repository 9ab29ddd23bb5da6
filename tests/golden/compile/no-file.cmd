compile --asl
