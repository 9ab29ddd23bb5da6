#!/usr/bin/env python3
"""A task-token round trip through boto3 against sfnc serve on PORT: an
execution of the "tokens" machine waits at its .waitForTaskToken Task;
the token read from its TaskScheduled event is sent back with
send_task_success, and the execution succeeds with that output.

usage: tokens_boto3.py PORT"""
import json
import sys
import time

try:
    import boto3
except ImportError:
    print("skip serve/boto3: boto3 is not installed "
          "(Debian: apt-get install python3-boto3) (1 case)")
    sys.exit(0)

sfn = boto3.client("stepfunctions", endpoint_url="http://127.0.0.1:" +
                   sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")
arn = sfn.start_execution(
    stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:"
    "tokens", input='{"order": 7}')["executionArn"]
token = None
for _ in range(600):
    for e in sfn.get_execution_history(executionArn=arn)["events"]:
        d = e.get("taskScheduledEventDetails")
        if d:
            token = json.loads(d["parameters"])["MessageBody"]["token"]
    if token:
        break
    time.sleep(0.05)
if not token:
    print("FAIL serve/boto3: no TaskScheduled event with a token")
    sys.exit(0)
sfn.send_task_success(taskToken=token, output='{"shipped": true}')
for _ in range(600):
    out = sfn.describe_execution(executionArn=arn)
    if out["status"] != "RUNNING":
        break
    time.sleep(0.05)
if out["status"] == "SUCCEEDED" and json.loads(out["output"]) == {
        "shipped": True}:
    print("ok serve/boto3/task-token")
else:
    print("FAIL serve/boto3/task-token: %s" % out)
try:
    sfn.send_task_success(taskToken=token, output="{}")
    print("FAIL serve/boto3/used-token: accepted twice")
except sfn.exceptions.TaskDoesNotExist:
    print("ok serve/boto3/used-token")
