compile --check err-cond-word.sfn
