lint did-you-mean.asl.json
