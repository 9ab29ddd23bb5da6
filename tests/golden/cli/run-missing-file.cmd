run app.json
