run jsonata-flow.asl.json --input '{"customer":"ana","items":[{"name":"a","price":60},{"name":"b","price":50}]}' --mock-config jsonata-flow.mock.json --test-case Charged
