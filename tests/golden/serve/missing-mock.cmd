serve --port 0 --mock-config missing.json
