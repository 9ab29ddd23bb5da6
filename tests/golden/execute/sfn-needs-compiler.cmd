run app.sfn
