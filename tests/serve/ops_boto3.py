#!/usr/bin/env python3
"""UpdateStateMachine, StartSyncExecution and TestState through boto3
against sfnc serve on PORT: an update changes what new executions run
while one started before runs on with the old definition; a sync
execution answers once it ended (its output, or its error) and is
refused for a STANDARD machine; TestState answers where a Choice goes
and what a Pass's Parameters made.

usage: ops_boto3.py PORT"""
import json
import sys
import time

try:
    import boto3
    from botocore.config import Config
except ImportError:
    print("skip serve/boto3-ops: boto3 is not installed "
          "(Debian: apt-get install python3-boto3) (1 case)")
    sys.exit(0)

ROLE = "arn:aws:iam::123456789012:role/r"
sfn = boto3.client("stepfunctions", endpoint_url="http://127.0.0.1:" +
                   sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local",
                   # the "sync-" host prefix of StartSyncExecution and
                   # TestState: not on a local endpoint
                   config=Config(inject_host_prefix=False))


def check(name, cond, why):
    print(("ok serve/boto3-%s" % name) if cond else
          ("FAIL serve/boto3-%s: %s" % (name, why)))


def machine(states, start):
    return json.dumps({"StartAt": start, "States": states})


def until_done(arn):
    for _ in range(600):
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.05)
    return d


# UpdateStateMachine
arn = sfn.create_state_machine(
    name="upd", roleArn=ROLE, definition=machine(
        {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
         "P": {"Type": "Pass", "Result": "old", "End": True}}, "W"))[
    "stateMachineArn"]
before = sfn.start_execution(stateMachineArn=arn)["executionArn"]
out = sfn.update_state_machine(stateMachineArn=arn, definition=machine(
    {"P": {"Type": "Pass", "Result": "new", "End": True}}, "P"))
after = sfn.start_execution(stateMachineArn=arn)["executionArn"]
check("update", "updateDate" in out and
      until_done(before).get("output") == '"old"' and
      until_done(after).get("output") == '"new"', str(out))
try:
    sfn.update_state_machine(stateMachineArn=arn)
    check("update-nothing", False, "no error")
except sfn.exceptions.MissingRequiredParameter:
    check("update-nothing", True, "")

# StartSyncExecution
arn = sfn.create_state_machine(
    name="sync", type="EXPRESS", roleArn=ROLE, definition=machine(
        {"W": {"Type": "Wait", "Seconds": 1, "Next": "C"},
         "C": {"Type": "Choice", "Choices": [
             {"Variable": "$.fail", "BooleanEquals": True, "Next": "F"}],
             "Default": "P"},
         "F": {"Type": "Fail", "Error": "Sync.Failed", "Cause": "asked"},
         "P": {"Type": "Pass", "End": True}}, "W"))["stateMachineArn"]
t = time.time()
out = sfn.start_sync_execution(stateMachineArn=arn,
                               input='{"k": 1, "fail": false}')
check("sync", out["status"] == "SUCCEEDED" and
      out["output"] == '{"k":1,"fail":false}'
      and time.time() - t >= 0.9 and
      out["billingDetails"]["billedDurationInMilliseconds"] >= 1000,
      str(out))
out = sfn.start_sync_execution(stateMachineArn=arn, input='{"fail": true}')
check("sync-failed", out["status"] == "FAILED" and
      out["error"] == "Sync.Failed" and out["cause"] == "asked", str(out))
try:
    sfn.start_sync_execution(stateMachineArn=arn.replace("sync", "upd"))
    check("sync-standard", False, "no error")
except sfn.exceptions.StateMachineTypeNotSupported:
    check("sync-standard", True, "")

# TestState
out = sfn.test_state(roleArn=ROLE, input='{"a": 3}', inspectionLevel="DEBUG",
                     definition=json.dumps({
                         "Type": "Pass", "Parameters": {"v.$": "$.a"},
                         "ResultPath": "$.r", "Next": "N"}))
check("test-state", out["status"] == "SUCCEEDED" and
      out["nextState"] == "N" and out["output"] == '{"a":3,"r":{"v":3}}'
      and out["inspectionData"]["afterParameters"] == '{"v":3}', str(out))
out = sfn.test_state(roleArn=ROLE, definition=json.dumps(
    {"Type": "Fail", "Error": "E.x", "Cause": "c"}))
check("test-state-fail", out["status"] == "FAILED" and
      out["error"] == "E.x" and "inspectionData" not in out, str(out))
