#!/usr/bin/env python3
"""A Bedrock Runtime stand-in for the tests, on 127.0.0.1 only.

Answers POST /model/{modelId}/invoke after checking the request's SigV4
signature with its own implementation (hashlib and hmac), per model family:
Anthropic text completion (anthropic.claude-v2, -instant), Anthropic
Messages (anthropic.claude-3*), Amazon Titan text, Meta Llama. A model ID
that starts with "fault." injects a fault instead:

  fault.throttle       429 ThrottlingException
  fault.500            500 InternalServerException
  fault.503            503 ServiceUnavailableException
  fault.unnamed        500 with a plain-text body and no error type
  fault.delay-MS       waits MS milliseconds, then answers as Claude v2
  fault.drop           closes the connection without an answer
  fault.malformed      200 with a body that is not JSON
  fault.big-N          200 with a JSON body of N bytes
  fault.flaky-N.TAG    429 ThrottlingException for the first N requests
                       naming this model ID, then answers as Claude v2

Claude v2 asked for a joke tells one. With --delay-ms MS every model
answers MS milliseconds late (a slow service, for the benchmark).

GET /__stats answers {"requests", "max_in_flight", "connections",
"bad_signatures"}. The port goes to stdout as "PORT n". The server stops
when its standard input closes (its parent is gone) or after --lifetime
seconds. Environment: SFN_STANDIN_KEY_ID, SFN_STANDIN_SECRET,
SFN_STANDIN_TOKEN (optional), SFN_STANDIN_REGION; with SFN_STANDIN_CERT
and SFN_STANDIN_CERT_KEY (PEM files) it speaks HTTPS. Prints nothing else:
neither the secret nor any signature.
"""
import argparse
import datetime
import hashlib
import hmac
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/"
    r"aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$")
CLOCK_SKEW = 15 * 60  # seconds a signature's date may be off, as AWS allows
MAX_BODY = 1024 * 1024


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self.bad_signatures = 0

    def enter(self):
        with self.lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1

    def as_json(self):
        with self.lock:
            return {"requests": self.requests,
                    "max_in_flight": self.max_in_flight,
                    "connections": self.connections,
                    "bad_signatures": self.bad_signatures}


STATS = Stats()
CONFIG = {}
FLAKY = {}  # model ID -> requests seen, for fault.flaky-N.TAG
FLAKY_LOCK = threading.Lock()
JOKE = (" Why did the cowboy adopt a dachshund? He wanted to get a long"
        " little doggie.")


# ---- SigV4, written apart from the C signer --------------------------------

def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret, date, region, service):
    k = _hmac(("AWS4" + secret).encode("utf-8"), date)
    k = _hmac(k, region)
    k = _hmac(k, service)
    return _hmac(k, "aws4_request")


def canonical_query(query):
    pairs = []
    for part in query.split("&") if query else []:
        key, _, value = part.partition("=")
        key = urllib.parse.quote(urllib.parse.unquote(key), safe="-_.~")
        value = urllib.parse.quote(urllib.parse.unquote(value), safe="-_.~")
        pairs.append((key, value))
    return "&".join(k + "=" + v for k, v in sorted(pairs))


def check_signature(handler, body):
    """Returns None when the signature is right, else why not."""
    auth = handler.headers.get("Authorization", "")
    m = AUTH_RE.match(auth)
    if not m:
        return "no SigV4 Authorization header"
    key_id, date, region, service, signed, signature = m.groups()
    if key_id != CONFIG["key_id"]:
        return "unknown access key"
    if region != CONFIG["region"] or service != "bedrock":
        return "wrong scope %s/%s" % (region, service)
    amz_date = handler.headers.get("X-Amz-Date", "")
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return "bad X-Amz-Date"
    when = when.replace(tzinfo=datetime.timezone.utc)
    if abs(time.time() - when.timestamp()) > CLOCK_SKEW or \
            amz_date[:8] != date:
        return "X-Amz-Date out of range"
    names = signed.split(";")
    if "host" not in names:
        return "host not signed"
    token = CONFIG.get("token")
    if token and (handler.headers.get("X-Amz-Security-Token") != token or
                  "x-amz-security-token" not in names):
        return "session token missing or unsigned"
    path, _, query = handler.path.partition("?")
    lines = []
    for name in names:
        values = handler.headers.get_all(name) or []
        lines.append(name + ":" + ",".join(" ".join(v.split())
                                           for v in values))
    creq = "\n".join([handler.command,
                      urllib.parse.quote(path, safe="/-_.~"),
                      canonical_query(query),
                      "\n".join(lines) + "\n",
                      signed,
                      hashlib.sha256(body).hexdigest()])
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date,
                     "/".join([date, region, service, "aws4_request"]),
                     hashlib.sha256(creq.encode("utf-8")).hexdigest()])
    want = hmac.new(signing_key(CONFIG["secret"], date, region, service),
                    sts.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, signature):
        return "signature mismatch"
    return None


# ---- the model families ------------------------------------------------------

def claude_text(req):
    if "prompt" not in req:
        return None
    if "joke" in req["prompt"]:
        return {"completion": JOKE, "stop_reason": "stop_sequence",
                "stop": "\n\nHuman:"}
    return {"completion": " Here is an answer to: " + req["prompt"][-40:],
            "stop_reason": "stop_sequence", "stop": "\n\nHuman:"}


def claude_messages(req):
    if "messages" not in req or "anthropic_version" not in req:
        return None
    text = req["messages"][-1]["content"]
    if isinstance(text, list):
        text = text[0].get("text", "")
    return {"id": "msg_standin", "type": "message", "role": "assistant",
            "model": "claude-3", "stop_reason": "end_turn",
            "content": [{"type": "text", "text": "Echo: " + text}],
            "usage": {"input_tokens": len(text.split()),
                      "output_tokens": 2}}


def titan(req):
    if "inputText" not in req:
        return None
    return {"inputTextTokenCount": len(req["inputText"].split()),
            "results": [{"tokenCount": 3, "outputText": "Alice, Bob, Carol",
                         "completionReason": "FINISH"}]}


def llama(req):
    if "prompt" not in req:
        return None
    return {"generation": "Llama says hi", "prompt_token_count": 5,
            "generation_token_count": 3, "stop_reason": "stop"}


FAMILIES = [("anthropic.claude-3", claude_messages),
            ("anthropic.claude", claude_text),
            ("amazon.titan-text", titan),
            ("meta.llama", llama)]


def family(model):
    for prefix, fn in FAMILIES:
        if model.startswith(prefix) or ("/" + prefix) in model or \
                model.startswith("arn:") and prefix == "anthropic.claude":
            return fn
    return None


# ---- the handler ---------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connections are reused

    def setup(self):
        super().setup()
        with STATS.lock:
            STATS.connections += 1

    def log_message(self, fmt, *args):  # quiet: nothing secret printed
        pass

    def answer(self, status, payload, error_type=None):
        body = payload if isinstance(payload, bytes) else \
            json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, name, message):
        self.answer(status, {"message": message},
                    name + ":http://internal.amazon.com/coral/com.amazon."
                    "bedrock/")

    def do_GET(self):
        if self.path == "/__stats":
            self.answer(200, STATS.as_json())
        else:
            self.error(404, "UnknownOperationException", "no such route")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        if length > MAX_BODY:
            self.error(400, "ValidationException", "body too large")
            return
        body = self.rfile.read(length)
        STATS.enter()
        try:
            self.invoke(body)
        finally:
            STATS.leave()

    def invoke(self, body):
        m = re.match(r"^/model/([^/]+)/invoke$", self.path)
        if not m:
            self.error(404, "UnknownOperationException", "no such route")
            return
        why = check_signature(self, body)
        if why:
            with STATS.lock:
                STATS.bad_signatures += 1
            self.error(403, "InvalidSignatureException",
                       "The request signature we calculated does not "
                       "match the signature you provided (" + why + ")")
            return
        model = urllib.parse.unquote(m.group(1))
        if CONFIG.get("delay_ms"):
            time.sleep(CONFIG["delay_ms"] / 1000.0)
        if model.startswith("fault."):
            self.fault(model[6:], body)
        else:
            self.model(model, body)

    def model(self, model, body):
        try:
            req = json.loads(body)
        except ValueError:
            self.error(400, "ValidationException", "Malformed input request")
            return
        fn = family(model)
        if fn is None:
            self.error(400, "ValidationException",
                       "The provided model identifier is invalid.")
            return
        out = fn(req)
        if out is None:
            self.error(400, "ValidationException",
                       "Malformed input request: required key missing")
            return
        self.answer(200, out)

    def fault(self, what, body):
        if what == "throttle":
            self.error(429, "ThrottlingException",
                       "Too many requests, please wait before trying again.")
        elif what == "500":
            self.error(500, "InternalServerException", "Internal error")
        elif what == "503":
            self.error(503, "ServiceUnavailableException",
                       "Service unavailable")
        elif what == "unnamed":
            self.answer(500, b"upstream exploded")
        elif what.startswith("delay-"):
            time.sleep(int(what[6:]) / 1000.0)
            self.answer(200, {"completion": " late", "stop_reason": "stop"})
        elif what == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif what == "malformed":
            self.answer(200, b'{"completion": "cut')
        elif what.startswith("flaky-"):
            with FLAKY_LOCK:
                seen = FLAKY.get(what, 0)
                FLAKY[what] = seen + 1
            if seen < int(what[6:].split(".")[0]):
                self.error(429, "ThrottlingException",
                           "Too many requests, please wait before trying "
                           "again.")
            else:
                self.model("anthropic.claude-v2", body)
        elif what.startswith("big-"):
            n = int(what[4:])
            self.answer(200, b'{"x":"' + b"a" * max(0, n - 8) + b'"}')
        else:
            self.error(400, "ValidationException", "unknown fault")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default cap of 64 calls connects at once

    def handle_error(self, request, client_address):
        # A client that gave up (a timeout test) breaks the pipe: expected,
        # and never worth a traceback in the test log.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError,
                                              ConnectionResetError)):
            super().handle_error(request, client_address)


def watch_parent(server):
    """Stops the server when standard input closes."""
    sys.stdin.buffer.read()
    server.shutdown()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lifetime", type=float, default=120.0)
    ap.add_argument("--delay-ms", type=int, default=0)
    args = ap.parse_args()
    CONFIG["delay_ms"] = args.delay_ms
    CONFIG["key_id"] = os.environ["SFN_STANDIN_KEY_ID"]
    CONFIG["secret"] = os.environ["SFN_STANDIN_SECRET"]
    CONFIG["token"] = os.environ.get("SFN_STANDIN_TOKEN") or None
    CONFIG["region"] = os.environ.get("SFN_STANDIN_REGION", "us-east-1")
    server = Server(("127.0.0.1", 0), Handler)
    if os.environ.get("SFN_STANDIN_CERT"):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.environ["SFN_STANDIN_CERT"],
                            os.environ["SFN_STANDIN_CERT_KEY"])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Thread(target=watch_parent, args=(server,),
                     daemon=True).start()
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
