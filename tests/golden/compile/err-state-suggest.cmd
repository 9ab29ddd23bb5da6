compile --check err-state-suggest.sfn
