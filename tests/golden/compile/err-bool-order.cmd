compile --check err-bool-order.sfn
