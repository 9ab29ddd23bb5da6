compile a.sfn b.sfn
