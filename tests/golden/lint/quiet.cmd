lint --color never -q ../asl/bad-paths.asl.json
