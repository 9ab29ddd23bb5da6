lint --color=always ../asl/bad-paths.asl.json
