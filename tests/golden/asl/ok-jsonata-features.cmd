lint ok-jsonata-features.asl.json
