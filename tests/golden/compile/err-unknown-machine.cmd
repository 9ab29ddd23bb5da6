compile --check err-unknown-machine.sfn
