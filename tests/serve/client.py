#!/usr/bin/env python3
"""sfnc serve driven over HTTP the way the SDKs speak to Step Functions
(AWS JSON 1.0 over POST /), with nothing but the standard library:
the tutorial's flow with its mock, history, listing, a failing
execution, StopExecution on a Wait, the error shapes, TestState's
retrierRetryCount at its edges, and headers at and
past SFN_SERVE_MAX_HEADERS over a raw socket. Prints
"ok serve/NAME" or "FAIL serve/NAME: why" lines.

With "files", only the machines of a .sfn file and CloudFormation
templates that tests/serve/run's second server was given.

usage: client.py PORT [files]"""
import json
import socket
import sys
import time
import urllib.error
import urllib.request

PORT = int(sys.argv[1])
URL = "http://127.0.0.1:%d/" % PORT
MARN = "arn:aws:states:us-east-1:123456789012:stateMachine:"
failures = 0


def post(op, body, target=None, ctype="application/x-amz-json-1.0"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(URL, data=data, method="POST")
    req.add_header("Content-Type", ctype)
    req.add_header("X-Amz-Target", target or "AWSStepFunctions." + op)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def check(name, cond, why):
    global failures
    if cond:
        print("ok serve/" + name)
    else:
        failures += 1
        print("FAIL serve/%s: %s" % (name, why))


def until_done(arn, seconds=60):
    end = time.time() + seconds
    while True:
        st, out = post("DescribeExecution", {"executionArn": arn})
        if st != 200 or out["status"] != "RUNNING" or time.time() > end:
            return st, out
        time.sleep(0.05)


def tutorial():
    st, out = post("StartExecution", {
        "stateMachineArn": MARN + "bedrock_prompt#HappyPath",
        "name": "tutorial",
        "input": json.dumps({"prompt": "Tell me a joke"})})
    check("start", st == 200 and out["executionArn"].endswith(
        ":execution:bedrock_prompt:tutorial") and
        isinstance(out["startDate"], float), "%d %s" % (st, out))
    arn = out.get("executionArn", "")
    st, out = until_done(arn)
    joke = json.loads(out.get("output", "{}")).get("joke", "")
    check("tutorial-succeeded", st == 200 and out["status"] == "SUCCEEDED"
          and "scarecrow" in joke and out["stopDate"] >= out["startDate"],
          "%d %s" % (st, out))
    st, out = post("GetExecutionHistory", {"executionArn": arn})
    types = [e["type"] for e in out.get("events", [])]
    check("history", st == 200 and types[0] == "ExecutionStarted" and
          types[-1] == "ExecutionSucceeded" and "TaskScheduled" in types and
          [e["id"] for e in out["events"]] == list(range(1, len(types) + 1)),
          "%d %s" % (st, types))
    st, out = post("ListExecutions", {
        "stateMachineArn": MARN + "bedrock_prompt",
        "statusFilter": "SUCCEEDED"})
    check("list", st == 200 and [e["name"] for e in out["executions"]] ==
          ["tutorial"], "%d %s" % (st, out))


def failing():
    st, out = post("StartExecution", {"stateMachineArn": MARN + "fails"})
    st, out = until_done(out.get("executionArn", ""))
    check("failed", st == 200 and out["status"] == "FAILED" and
          out.get("error") == "Joke.NotFunny" and
          out.get("cause") == "nobody laughed", "%d %s" % (st, out))


def stop():
    st, out = post("StartExecution", {"stateMachineArn": MARN + "waits",
                                      "name": "long"})
    arn = out.get("executionArn", "")
    st, out = post("StopExecution", {"executionArn": arn,
                                     "error": "Tired", "cause": "too long"})
    check("stop", st == 200 and "stopDate" in out, "%d %s" % (st, out))
    st, out = post("DescribeExecution", {"executionArn": arn})
    check("stopped", out.get("status") == "ABORTED" and
          out.get("error") == "Tired", "%s" % out)
    st, out = post("GetExecutionHistory", {"executionArn": arn,
                                           "reverseOrder": True,
                                           "maxResults": 1})
    check("stopped-history", st == 200 and
          out["events"][0]["type"] == "ExecutionAborted" and
          "nextToken" in out, "%d %s" % (st, out))


def errors():
    cases = [
        ("unknown-op", post("Nope", {}),
         400, "UnknownOperationException"),
        ("malformed", post("ListStateMachines", b'{"maxResults":'),
         400, "SerializationException"),
        ("no-machine", post("DescribeStateMachine",
                            {"stateMachineArn": MARN + "none"}),
         400, "StateMachineDoesNotExist"),
        ("bad-arn", post("StartExecution", {"stateMachineArn": "x"}),
         400, "InvalidArn"),
        ("wrong-type", post("StartExecution",
                            {"stateMachineArn": MARN + "waits",
                             "input": {"a": 1}}),
         400, "SerializationException"),
        ("too-large", post("ListStateMachines",
                           b'{"x":"' + b"y" * 1048576 + b'"}'),
         413, "RequestEntityTooLargeException"),
    ]
    for name, (st, out), want_st, want in cases:
        check("error/" + name, st == want_st and out.get("__type") == want
              and isinstance(out.get("message"), str), "%d %s" % (st, out))


def retry_counts():
    """stateConfiguration.retrierRetryCount as the model has it: an
    integer, at least 0; a huge one spends every Retrier."""
    task = json.dumps({
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f"},
        "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 99}],
        "Catch": [{"ErrorEquals": ["E"], "Next": "H"}], "End": True})
    for count, want_st, want in ((-1, 400, "ValidationException"),
                                 (1.5, 400, "SerializationException"),
                                 (98, 200, "RETRIABLE"),
                                 (99, 200, "CAUGHT_ERROR"),
                                 (1e12, 200, "CAUGHT_ERROR")):
        st, out = post("TestState", {
            "definition": task, "mock": {"errorOutput": {"error": "E"}},
            "stateConfiguration": {"retrierRetryCount": count}})
        got = out.get("__type") if st != 200 else out.get("status")
        check("test-state-retry-count-%s" % count, st == want_st and
              got == want, "%d %s" % (st, out))


MAX_HEADERS = 16384  # SFN_SERVE_MAX_HEADERS


def head_of(total):
    """A ListStateMachines whose request line and headers are TOTAL bytes
    as sent (each line with its CRLF, the blank line not counted)."""
    head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-amz-json-1.0\r\n"
            "X-Amz-Target: AWSStepFunctions.ListStateMachines\r\n"
            "Content-Length: 2\r\nConnection: close\r\nX-Pad: \r\n")
    return head[:-2] + "a" * (total - len(head)) + "\r\n"


def send_raw(head):
    with socket.create_connection(("127.0.0.1", PORT), timeout=60) as s:
        s.sendall((head + "\r\n{}").encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    status = int(data.split(b" ", 2)[1])
    body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
    try:
        return status, json.loads(body)
    except ValueError:
        return status, None


def headers():
    assert len(head_of(MAX_HEADERS)) == MAX_HEADERS
    st, out = send_raw(head_of(MAX_HEADERS))
    check("headers-at-limit", st == 200 and "stateMachines" in out,
          "%d %s" % (st, out))
    # past ours, within libmicrohttpd's: the protocol's shape
    for total in (MAX_HEADERS + 1, 3 * MAX_HEADERS):
        st, out = send_raw(head_of(total))
        check("headers-past-limit-%d" % total, st == 431 and
              isinstance(out, dict) and
              out.get("__type") == "RequestHeaderSectionTooLarge",
              "%d %s" % (st, out))
    # past libmicrohttpd's own (4 times ours): its 431, before sfnc
    st, out = send_raw(head_of(5 * MAX_HEADERS))
    check("headers-past-library-limit", st == 431 and out is None,
          "%d %s" % (st, out))


def files():
    """The machines of a .sfn file and of CloudFormation templates
    (tests/serve/run's second server): each one is there from the
    start and runs with its mocked test case."""
    for name, case, want in (("StateMachine", "Joke",
                              {"joke": "a cowboy joke"}),
                             ("Flow", "Go", {"went": True}),
                             ("JsonFlow", "Ask", 42)):
        st, out = post("DescribeStateMachine",
                       {"stateMachineArn": MARN + name})
        check("files-described-" + name, st == 200 and
              out.get("name") == name and
              json.loads(out.get("definition", "{}")).get("StartAt"),
              "%d %s" % (st, out))
        st, out = post("StartExecution", {
            "stateMachineArn": MARN + name + "#" + case, "input": "{}"})
        st, out = until_done(out.get("executionArn", ""))
        check("files-run-" + name, st == 200 and
              out.get("status") == "SUCCEEDED" and
              json.loads(out.get("output", "null")) == want,
              "%d %s" % (st, out))
    st, out = post("ListStateMachines", {})
    names = sorted(m["name"] for m in out.get("stateMachines", []))
    check("files-listed", st == 200 and
          names == ["Flow", "JsonFlow", "Other", "StateMachine"],
          "%d %s" % (st, out))


if sys.argv[2:] == ["files"]:
    files()
else:
    tutorial()
    failing()
    stop()
    errors()
    retry_counts()
    headers()
sys.exit(1 if failures else 0)
