run jsonata-flow.asl.json --input '{"customer":"bo","items":[{"name":"a","price":6}]}' --mock-config jsonata-flow.mock.json --test-case Charged --no-wait
