lint batch-input.asl.json
