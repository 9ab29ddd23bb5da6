#!/usr/bin/env python3
"""sfnc serve --require-sigv4 on PORT, started with access key KEY_ID and
secret SECRET: boto3 signing with them is answered; a wrong secret is
InvalidSignatureException, another access key UnrecognizedClientException,
no signature at all MissingAuthenticationTokenException, each with status
400 as AWS JSON services answer them; no answer holds the secret.

usage: sigv4_boto3.py PORT KEY_ID SECRET"""
import sys

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError:
    print("skip serve/sigv4: boto3 is not installed "
          "(Debian: apt-get install python3-boto3) (1 case)")
    sys.exit(0)

PORT, KEY_ID, SECRET = sys.argv[1], sys.argv[2], sys.argv[3]


def client(key, secret, **kw):
    return boto3.client("stepfunctions",
                        endpoint_url="http://127.0.0.1:" + PORT,
                        region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key=secret, **kw)


def check(name, cond, why):
    print(("ok serve/sigv4-%s" % name) if cond else
          ("FAIL serve/sigv4-%s: %s" % (name, why)))


out = client(KEY_ID, SECRET).list_state_machines()
check("signed", "stateMachines" in out, str(out))
out = client(KEY_ID, SECRET, config=Config(inject_host_prefix=False)) \
    .test_state(definition='{"Type": "Pass", "End": true}')
check("signed-pending-reply", out["status"] == "SUCCEEDED", str(out))
for name, c, code, status in [
        ("wrong-secret", client(KEY_ID, SECRET + "x"),
         "InvalidSignatureException", 400),
        ("other-key", client("AKIDOTHER", SECRET),
         "UnrecognizedClientException", 400),
        ("unsigned", client("x", "y", config=Config(
            signature_version=botocore.UNSIGNED)),
         "MissingAuthenticationTokenException", 400)]:
    try:
        c.list_state_machines()
        check(name, False, "answered")
    except botocore.exceptions.ClientError as e:
        err = e.response["Error"]
        check(name, err["Code"] == code and
              e.response["ResponseMetadata"]["HTTPStatusCode"] == status and
              SECRET not in str(e.response), str(e.response))
