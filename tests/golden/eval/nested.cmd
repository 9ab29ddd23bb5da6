eval -c "States.ArrayPartition(States.ArrayRange(1, 9, 1), 4)"
