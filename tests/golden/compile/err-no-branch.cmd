compile --check err-no-branch.sfn
