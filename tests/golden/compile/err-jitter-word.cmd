compile --check err-jitter-word.sfn
