compile --check err-misplaced-when.sfn
