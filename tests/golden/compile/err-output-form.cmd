compile --check err-output-form.sfn
