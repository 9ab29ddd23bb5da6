#!/usr/bin/env python3
"""sfnc serve under many executions at once: starts N executions (default
1000) of a machine whose one Task is mocked with a 100 ms delay, back to
back over one keep-alive connection, then waits until ListExecutions
counts N SUCCEEDED. Reports executions per second (N over the time from
the first StartExecution to the last success), StartExecution latency
(median and p99), the server's peak RSS (VmHWM) and the load average.

usage: bench/serve.py [N] [SFNC]     (from the top of the tree)"""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
SFNC = sys.argv[2] if len(sys.argv) > 2 else "./sfnc"
MARN = "arn:aws:states:us-east-1:123456789012:stateMachine:slow"

MACHINE = {"StartAt": "T", "States": {"T": {
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": True}}}
MOCK = {"StateMachines": {"slow": {"TestCases": {"Slow": {"T": "R"}}}},
        "MockedResponses": {"R": {"0": {"Return": {"ok": True},
                                        "DelaySeconds": 0.1}}}}


def call(conn, op, body):
    conn.request("POST", "/", json.dumps(body), {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "AWSStepFunctions." + op})
    resp = conn.getresponse()
    out = json.loads(resp.read())
    if resp.status != 200:
        sys.exit("bench: %s: %d %s" % (op, resp.status, out))
    return out


def succeeded(conn):
    n, token = 0, None
    while True:
        body = {"stateMachineArn": MARN, "statusFilter": "SUCCEEDED",
                "maxResults": 1000}
        if token:
            body["nextToken"] = token
        out = call(conn, "ListExecutions", body)
        n += len(out["executions"])
        token = out.get("nextToken")
        if not token:
            return n


def peak_rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    tmp = tempfile.mkdtemp()
    for name, doc in (("slow.asl.json", MACHINE), ("mock.json", MOCK)):
        with open(os.path.join(tmp, name), "w") as f:
            json.dump(doc, f)
    load_before = os.getloadavg()[0]
    srv = subprocess.Popen([SFNC, "serve", "--port", "0", "--mock-config",
                            os.path.join(tmp, "mock.json"),
                            os.path.join(tmp, "slow.asl.json")],
                           stdout=subprocess.PIPE, text=True)
    try:
        port = None
        for line in srv.stdout:
            if line.startswith("listening on "):
                port = int(line.rsplit(":", 1)[1])
                break
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        lat = []
        t0 = time.monotonic()
        for i in range(N):
            s = time.monotonic()
            call(conn, "StartExecution", {"stateMachineArn": MARN + "#Slow",
                                          "name": "e%d" % i})
            lat.append(time.monotonic() - s)
        while succeeded(conn) < N:
            if time.monotonic() - t0 > 300:
                sys.exit("bench: not all executions succeeded in 300 s")
            time.sleep(0.01)
        total = time.monotonic() - t0
        lat.sort()
        print(json.dumps({
            "executions": N, "seconds": round(total, 3),
            "executions_per_s": round(N / total, 1),
            "start_median_ms": round(lat[len(lat) // 2] * 1000, 3),
            "start_p99_ms": round(lat[int(len(lat) * 0.99) - 1] * 1000, 3),
            "peak_rss_kb": peak_rss_kb(srv.pid),
            "load": "%.2f/%.2f" % (load_before, os.getloadavg()[0])}))
    finally:
        srv.terminate()
        srv.wait()


main()
