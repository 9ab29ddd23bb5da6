lint intrinsic-names.asl.json
