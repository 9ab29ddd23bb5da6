#!/usr/bin/env python3
"""Nothing lost across a kill -9, through boto3 against sfnc serve --db.

  restart_boto3.py before PORT STATE   creates a machine, starts
      executions (one succeeds, one fails, one is stopped, one waits on
      a Wait, one on a task token), waits for the finished ones and
      writes what DescribeExecution and GetExecutionHistory say of each
      to STATE (JSON);
  restart_boto3.py after|again PORT STATE    against a server started again on
      the same database after a kill -9: the machine is there as
      created, every finished execution is as it was with its full
      history, every one that was running is ABORTED with error
      sfnc.ServerStopped and a cause that says why, its history the old
      one and an ExecutionAborted event; after (not again) starts a
      new execution.

Prints "ok serve/restart-NAME" or "FAIL serve/restart-NAME: why"."""
import json
import sys
import time

try:
    import boto3
except ImportError:
    print("skip serve/restart: boto3 is not installed "
          "(Debian: apt-get install python3-boto3) (1 case)")
    sys.exit(0)

PHASE, PORT, STATE = sys.argv[1], sys.argv[2], sys.argv[3]
MARN = "arn:aws:states:us-east-1:123456789012:stateMachine:"
sfn = boto3.client("stepfunctions", endpoint_url="http://127.0.0.1:" + PORT,
                   region_name="us-east-1", aws_access_key_id="local",
                   aws_secret_access_key="local")
CREATED = json.dumps({"StartAt": "Hi", "States": {"Hi": {
    "Type": "Pass", "Result": "hello", "End": True}}})
failures = 0


def check(name, cond, why):
    global failures
    if cond:
        print("ok serve/restart-" + name)
    else:
        failures += 1
        print("FAIL serve/restart-%s: %s" % (name, why))


def history(arn):
    """Every event, page by page (3 at a time: the tokens are tried)."""
    events, kw = [], {}
    while True:
        out = sfn.get_execution_history(executionArn=arn, maxResults=3, **kw)
        events += out["events"]
        if "nextToken" not in out:
            return events
        kw = {"nextToken": out["nextToken"]}


def record(arn):
    d = sfn.describe_execution(executionArn=arn)
    d.pop("ResponseMetadata")
    return {"describe": d, "history": history(arn)}


def until(arn, cond):
    for _ in range(600):
        d = sfn.describe_execution(executionArn=arn)
        if cond(d):
            return d
        time.sleep(0.05)
    return d


def before():
    made = sfn.create_state_machine(name="created", definition=CREATED,
                                    roleArn="arn:aws:iam::123456789012:"
                                    "role/r")
    arns = {}
    for machine, name, inp in [("created", "ok", '{"a": 1}'),
                               ("fails", "bad", "{}"),
                               ("waits", "stopped", "{}"),
                               ("waits", "waiting", '{"w": true}'),
                               ("tokens", "held", "{}")]:
        arns[name] = sfn.start_execution(stateMachineArn=MARN + machine,
                                         name=name, input=inp)["executionArn"]
    sfn.stop_execution(executionArn=arns["stopped"], error="Ops.Stop",
                       cause="stopped by hand")
    for name in ("ok", "bad", "stopped"):
        until(arns[name], lambda d: d["status"] != "RUNNING")
    # the running ones have reached their Wait and their Task
    until(arns["waiting"], lambda d: len(history(arns["waiting"])) >= 3)
    until(arns["held"], lambda d: any(
        e["type"] == "TaskScheduled" for e in history(arns["held"])))
    state = {"created": {"arn": made["stateMachineArn"],
                         "date": made["creationDate"].timestamp()},
             "execs": {n: record(a) for n, a in arns.items()}}
    for n in ("waiting", "held"):
        check("running-before-" + n, state["execs"][n]["describe"]["status"] ==
              "RUNNING", "%s: %s" % (n, state["execs"][n]["describe"]))
    with open(STATE, "w") as f:
        json.dump(state, f, default=str)


def after():
    with open(STATE) as f:
        state = json.load(f)
    m = sfn.describe_state_machine(stateMachineArn=state["created"]["arn"])
    check("machine", m["definition"] == CREATED and
          m["roleArn"].endswith("role/r") and
          abs(m["creationDate"].timestamp() - state["created"]["date"]) <
          0.002, str(m))
    listed = [e["name"] for e in sfn.list_executions(
        stateMachineArn=MARN + "waits")["executions"]]
    check("listed", sorted(listed) == ["stopped", "waiting"], str(listed))
    for name in ("ok", "bad", "stopped"):
        was = state["execs"][name]
        now = record(was["describe"]["executionArn"])
        check("finished-" + name, json.loads(json.dumps(now, default=str))
              == was, "%s\nwas %s" % (now, was))
    for name in ("waiting", "held"):
        was = state["execs"][name]
        now = record(was["describe"]["executionArn"])
        d, h = now["describe"], now["history"]
        last = h[-1] if h else {}
        details = last.get("executionAbortedEventDetails", {})
        check("aborted-" + name, d["status"] == "ABORTED" and
              d["error"] == "sfnc.ServerStopped" and
              "stopped while the execution was running" in d["cause"] and
              "stopDate" in d, str(d))
        check("history-" + name,
              json.loads(json.dumps(h[:-1], default=str)) == was["history"]
              and last["type"] == "ExecutionAborted" and
              last["id"] == len(h) and last["previousEventId"] == len(h) - 1
              and details.get("cause") == d["cause"],
              "%s\nwas %s" % (h, was["history"]))
    if PHASE == "again":
        return
    # the server goes on: a new execution runs and is kept
    arn = sfn.start_execution(stateMachineArn=MARN + "created",
                              name="after")["executionArn"]
    d = until(arn, lambda d: d["status"] != "RUNNING")
    check("new", d["status"] == "SUCCEEDED" and d["output"] == '"hello"',
          str(d))


before() if PHASE == "before" else after()
sys.stdout.flush()
