lint lint-sfn.sfn
