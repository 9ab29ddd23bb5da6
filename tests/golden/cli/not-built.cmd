compile app.sfn
