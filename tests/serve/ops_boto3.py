#!/usr/bin/env python3
"""UpdateStateMachine, StartSyncExecution and TestState through boto3
against sfnc serve on PORT: an update changes what new executions run
while one started before runs on with the old definition; a sync
execution answers once it ended (its output, or its error) and is
refused for a STANDARD machine; TestState answers where a Choice goes
and what a Pass's Parameters made, and takes what the API takes now:
variables, revealSecrets, a mock (Task, Map, Parallel), context,
stateName, stateConfiguration's retrierRetryCount (RETRIABLE, then
CAUGHT_ERROR), each refusal with the service's error.

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


# TestState as the API has it now: variables, revealSecrets, stateName,
# mock, context, stateConfiguration, RETRIABLE and CAUGHT_ERROR with
# errorDetails, Map and Parallel (mocked), and the service's errors.
def test_state(**kw):
    return sfn.test_state(**kw)


def refused(name, exc, message, **kw):
    try:
        out = test_state(**kw)
        check(name, False, "answered %s" % out)
    except sfn.exceptions.ClientError as e:
        err = e.response["Error"]
        check(name, err["Code"] == exc and err["Message"] == message and
              e.response["ResponseMetadata"]["HTTPStatusCode"] == 400,
              str(e.response))


def state(**fields):
    return json.dumps(fields)


LAMBDA = "arn:aws:states:::lambda:invoke"

# variables: read by the state, shown with what it assigned
out = test_state(definition=state(
    Type="Pass", Parameters={"got.$": "$greeting"},
    Assign={"count.$": "$counter"}, End=True),
    variables='{"greeting": "hi", "counter": 2}', inspectionLevel="DEBUG")
check("test-state-variables", out["status"] == "SUCCEEDED" and
      json.loads(out["output"]) == {"got": "hi"} and
      json.loads(out["inspectionData"]["variables"]) ==
      {"greeting": "hi", "counter": 2, "count": 2}, str(out))
out = test_state(definition=state(
    Type="Pass", QueryLanguage="JSONata",
    Output="{% $greeting & '!' %}", End=True), variables='{"greeting": "hi"}')
check("test-state-variables-jsonata", out.get("output") == '"hi!"', str(out))
refused("test-state-variables-not-object", "ValidationException",
        "'variables' must be a JSON object literal",
        definition=state(Type="Pass", End=True), variables="[1]")
out = test_state(definition=state(Type="Pass", End=True),
                 inspectionLevel="DEBUG")
check("test-state-no-variables", "variables" not in out["inspectionData"],
      str(out))

# the state's name is the service's, whatever Next names
out = test_state(definition=state(
    Type="Pass", Parameters={"n.$": "$$.State.Name"}, Next="StateName"))
check("test-state-own-name", out["output"] == '{"n":"StateName"}' and
      out["nextState"] == "StateName", str(out))

# revealSecrets: taken (sfnc's tasks hide nothing), but not with a mock
out = test_state(definition=state(Type="Pass", End=True), revealSecrets=True)
check("test-state-reveal-secrets", out["status"] == "SUCCEEDED", str(out))
refused("test-state-reveal-with-mock", "ValidationException",
        "TestState does not support RevealSecrets when a mock is specified.",
        definition=state(Type="Task", Resource=LAMBDA,
                         Arguments={"FunctionName": "f"}, End=True),
        revealSecrets=True, mock={"result": "{}"})

# a mocked Task: no role needed, nothing called
out = test_state(definition=state(
    Type="Task", Resource=LAMBDA,
    Parameters={"FunctionName": "f", "Payload.$": "$"},
    ResultSelector={"p.$": "$.Payload"}, ResultPath="$.r", Next="Done"),
    input='{"a": 1}', inspectionLevel="TRACE",
    mock={"result": '{"Payload": {"ok": true}}'})
data = out.get("inspectionData", {})
check("test-state-mock-result", out["status"] == "SUCCEEDED" and
      json.loads(out["output"]) == {"a": 1, "r": {"p": {"ok": True}}} and
      out["nextState"] == "Done" and
      json.loads(data["afterParameters"]) ==
      {"FunctionName": "f", "Payload": {"a": 1}} and
      json.loads(data["result"]) == {"Payload": {"ok": True}} and
      json.loads(data["afterResultSelector"]) == {"p": {"ok": True}},
      str(out))
refused("test-state-task-needs-role", "ValidationException",
        "RoleArn must be specified when testing a Task state",
        definition=state(Type="Task", Resource=LAMBDA,
                         Parameters={"FunctionName": "f"}, End=True))
refused("test-state-mock-pass", "ValidationException",
        "State type 'Pass' is not supported when a mock is specified",
        definition=state(Type="Pass", End=True), mock={"result": "{}"})
refused("test-state-mock-both", "ValidationException",
        "A test mock should have only one of the following fields: "
        "[result, errorOutput].",
        definition=state(Type="Task", Resource=LAMBDA,
                         Parameters={"FunctionName": "f"}, End=True),
        mock={"result": "{}", "errorOutput": {"error": "E"}})
refused("test-state-mock-not-json", "ValidationException",
        "Mocked result must be valid JSON",
        definition=state(Type="Task", Resource=LAMBDA,
                         Parameters={"FunctionName": "f"}, End=True),
        mock={"result": "not JSON", "fieldValidationMode": "NONE"})

# context: over the context object, only with a mock
out = test_state(definition=state(
    Type="Task", Resource=LAMBDA,
    Parameters={"FunctionName": "f", "run.$": "$$.Execution.Name"},
    End=True), inspectionLevel="DEBUG", mock={"result": "{}"},
    context='{"Execution": {"Name": "mine"}}')
check("test-state-context", json.loads(
    out["inspectionData"]["afterParameters"]).get("run") == "mine", str(out))
refused("test-state-context-needs-mock", "ValidationException",
        "A context can only be specified when a mock is specified",
        definition=state(Type="Pass", End=True), context="{}")

# Retry and Catch: RETRIABLE while the first Retrier that names the error
# has attempts left, then the Catcher
RETRY = state(Type="Task", Resource=LAMBDA, Parameters={"FunctionName": "f"},
              Retry=[{"ErrorEquals": ["Other"]},
                     {"ErrorEquals": ["Boom"], "IntervalSeconds": 3,
                      "BackoffRate": 2, "MaxAttempts": 2}],
              Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err",
                      "Next": "Handle"}], End=True)
BOOM = {"errorOutput": {"error": "Boom", "cause": "it broke"}}
out = test_state(definition=RETRY, mock=BOOM, inspectionLevel="DEBUG",
                 stateConfiguration={"retrierRetryCount": 1})
check("test-state-retriable", out["status"] == "RETRIABLE" and
      out["error"] == "Boom" and out["cause"] == "it broke" and
      "nextState" not in out and "output" not in out and
      out["inspectionData"]["errorDetails"] ==
      {"retryIndex": 1, "retryBackoffIntervalSeconds": 6}, str(out))
out = test_state(definition=RETRY, mock=BOOM, input='{"a": 1}',
                 inspectionLevel="DEBUG",
                 stateConfiguration={"retrierRetryCount": 2})
check("test-state-caught-error", out["status"] == "CAUGHT_ERROR" and
      out["nextState"] == "Handle" and out["error"] == "Boom" and
      json.loads(out["output"]) ==
      {"a": 1, "err": {"Error": "Boom", "Cause": "it broke"}} and
      out["inspectionData"]["errorDetails"] == {"catchIndex": 0}, str(out))
out = test_state(definition=state(
    Type="Task", Resource=LAMBDA, Parameters={"FunctionName": "f"},
    End=True), mock=BOOM)
check("test-state-failed", out["status"] == "FAILED" and
      out["error"] == "Boom" and out["cause"] == "it broke" and
      "output" not in out, str(out))

# stateName: one state of a whole definition, nested ones too, with the
# machine's query language
WHOLE = json.dumps({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Choice", "Choices": [
        {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "M"}],
        "Default": "A"},
    "M": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
        "Item": {"Type": "Pass", "Result": "x", "End": True}}},
        "End": True}}})
out = test_state(definition=WHOLE, stateName="B", input='{"n": 2}')
check("test-state-state-name", out["nextState"] == "M", str(out))
out = test_state(definition=WHOLE, stateName="B", input='{"n": 0}')
check("test-state-state-name-default", out["nextState"] == "A", str(out))
out = test_state(definition=WHOLE, stateName="Item")
check("test-state-state-name-nested", out["output"] == '"x"', str(out))
refused("test-state-state-name-missing", "ValidationException",
        "State not found in definition", definition=WHOLE, stateName="Nope")
out = test_state(stateName="P", input='{"a": 1}', definition=json.dumps({
    "QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": "{% $states.input.a + 1 %}",
              "End": True}}}))
check("test-state-state-name-jsonata", out.get("output") == "2", str(out))

# Map and Parallel: only mocked, their result the mock's
MAP = state(Type="Map", ItemsPath="$.items", MaxConcurrency=2,
            ToleratedFailureCount=1, ItemProcessor={
                "StartAt": "I", "States": {"I": {"Type": "Pass",
                                                 "End": True}}},
            ResultPath="$.r", Next="After")
refused("test-state-map-needs-mock", "InvalidDefinition",
        "TestState API does not support Map or Parallel states. Supported "
        "state types include: [Task, Wait, Pass, Succeed, Fail, Choice]",
        definition=MAP)
out = test_state(definition=MAP, input='{"items": [1, 2]}',
                 inspectionLevel="DEBUG", mock={"result": "[10, 20]"})
check("test-state-map-mocked", out["status"] == "SUCCEEDED" and
      json.loads(out["output"]) == {"items": [1, 2], "r": [10, 20]} and
      out["nextState"] == "After" and
      out["inspectionData"]["maxConcurrency"] == 2 and
      out["inspectionData"]["toleratedFailureCount"] == 1 and
      json.loads(out["inspectionData"]["afterItemsPath"]) == [1, 2],
      str(out))
refused("test-state-map-mock-not-array", "ValidationException",
        "Mocked result must be an array.", definition=MAP,
        mock={"result": "{}"})
PAR = state(Type="Parallel", Branches=[
    {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}},
    {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": True}}}],
    End=True)
out = test_state(definition=PAR, mock={"result": '[1, {"b": 2}]'})
check("test-state-parallel-mocked",
      json.loads(out["output"]) == [1, {"b": 2}], str(out))
refused("test-state-parallel-mock-size", "ValidationException",
        "Mocked result must contain the same number of items as number of "
        "Parallel branches.", definition=PAR, mock={"result": "[1]"})

# a mocked Map's iterations that failed, against its tolerance
for failed, status in ((1, "SUCCEEDED"), (2, "FAILED")):
    out = test_state(definition=MAP, input='{"items": [1, 2]}',
                     mock={"result": "[10, 20]"},
                     stateConfiguration={"mapIterationFailureCount": failed})
    check("test-state-map-failures-%d" % failed, out["status"] == status and
          (status == "SUCCEEDED" or
           out["error"] == "States.ExceedToleratedFailureThreshold"),
          str(out))
PCT = state(Type="Map", ToleratedFailurePercentage=50, ItemProcessor={
    "StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}},
    End=True)
for failed, status in ((2, "SUCCEEDED"), (3, "FAILED")):
    out = test_state(definition=PCT, mock={"result": "[1, 2, 3, 4]"},
                     stateConfiguration={"mapIterationFailureCount": failed})
    check("test-state-map-failure-percentage-%d" % failed,
          out["status"] == status, str(out))

# the lengths the model allows, at and past their edge
TASK = state(Type="Task", Resource=LAMBDA, Parameters={"FunctionName": "f"},
             End=True)
for name, err, cause, ok in (("error-256", "E" * 256, "c", True),
                             ("error-257", "E" * 257, "c", False),
                             ("cause-32768", "E", "c" * 32768, True),
                             ("cause-32769", "E", "c" * 32769, False)):
    try:
        out = test_state(definition=TASK, mock={
            "errorOutput": {"error": err, "cause": cause}})
        check("test-state-mock-" + name, ok and out["status"] == "FAILED" and
              out["error"] == err and out["cause"] == cause, str(out)[:200])
    except sfn.exceptions.ValidationException as e:
        check("test-state-mock-" + name, not ok, str(e)[:200])
for n, ok in ((80, True), (81, False)):
    try:
        out = test_state(definition=state(
            Type="Pass", Parameters={"v.$": "$" + "v" * n}, End=True),
            variables=json.dumps({"v" * n: 1}))
        check("test-state-variable-name-%d" % n,
              ok and out["output"] == '{"v":1}', str(out))
    except sfn.exceptions.ValidationException as e:
        check("test-state-variable-name-%d" % n, not ok, str(e))
for n, ok in ((80, True), (81, False)):
    name = "S" * n
    try:
        out = test_state(stateName=name, definition=json.dumps({
            "StartAt": name, "States": {name: {"Type": "Succeed"}}}))
        check("test-state-state-name-%d" % n,
              ok and out["status"] == "SUCCEEDED", str(out))
    except sfn.exceptions.ClientError as e:
        check("test-state-state-name-%d" % n, not ok and
              e.response["Error"]["Code"] == "ValidationException", str(e))
