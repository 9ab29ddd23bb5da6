run sfn-error.sfn
