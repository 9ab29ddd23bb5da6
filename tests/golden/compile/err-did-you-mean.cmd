compile --check err-did-you-mean.sfn
