eval "States.Format('x'"
