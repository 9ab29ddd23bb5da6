compile --check err-unknown-test.sfn
