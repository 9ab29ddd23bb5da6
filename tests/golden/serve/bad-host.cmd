serve --host localhost
