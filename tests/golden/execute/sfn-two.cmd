run two.sfn
