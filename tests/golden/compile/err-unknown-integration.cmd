compile --check err-unknown-integration.sfn
