run two.sfn --machine Two
