lint --enable asl-unreachble x.json
