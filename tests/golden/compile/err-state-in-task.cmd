compile --check err-state-in-task.sfn
