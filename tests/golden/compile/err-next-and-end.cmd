compile --check err-next-and-end.sfn
