lint ok-tour.asl.json
