lint ok-jsonpath.asl.json
