serve --port 65536
