#!/usr/bin/env python3
"""Templates sfnc compiles against those CDK 2.115.0 synthesizes.

Usage: compare.py SFNC SRCDIR SHARED OUTDIR

- The tutorial's two stacks (examples/bedrock_{joke,prompt}.sfn): Resources
  and Outputs equal ../shared/reference/cdk/seed-*-prompt.template.json as
  JSON values (DefinitionString pieces included, byte for byte), dropping
  only CDK's bootstrap pieces (CDKMetadata, the BootstrapVersion parameter,
  the CheckBootstrapVersion rule and the CDKMetadataAvailable condition).
  Read from SHARED at test time; without it those cases are skipped.
- One stack per integration (tests/cfn/integrations/NAME.sfn): Parameters,
  Resources and Outputs equal those of tests/cfn/cdk/NAME.template.json
  (made with CDK 2.115.0 by ../shared/reference/peers/integrations-stack.js,
  or by tests/cfn/NAME-stack.js, lower case, and committed), CDKMetadata
  and the BootstrapVersion parameter dropped; for the stacks of POLICY_ONLY, whose
  definition CDK writes from an imported resource in a way no .sfn
  writes, the role and the policies only; for those of LATEST, the
  policies only.
- Every template compiles twice to the same bytes (-o and --template);
  tests/cfn/run then lints them all, LINT_ONLY's too, and those of every
  examples/*.sfn and tests/golden/*/*.sfn that compiles (the others are
  golden tests of findings).
Prints "ok NAME", "FAIL NAME: why" or "skip NAME: why (N cases)".
"""
import json
import os
import subprocess
import sys

BOOTSTRAP_RESOURCES = {"CDKMetadata"}
BOOTSTRAP_PARAMETERS = {"BootstrapVersion"}
POLICY_ONLY = {
    # CDK writes the QueueUrl of a queue imported by ARN as
    # "https://sqs.REGION." + AWS::URLSuffix + "/ACCOUNT/NAME".
    "SqsSendMessage", "SqsWaitForTaskToken",
    # CDK adds its default Retry to each LambdaInvoke task.
    "Multi",
}
# A distributed map's S3 reader and writer, made by the newest CDK
# (tests/cfn/distmap-stack.js) as 2.115.0 has no DistributedMap: its
# policies only (the default one and the DistributedMapPolicy), as the
# newest CDK's role and definition follow feature flags 2.115.0 lacks.
LATEST = {"DistributedMapObjects", "DistributedMapJson", "DistributedMapCsv",
          "DistributedMapWriter"}
# Compiled for cfn-lint and sfnc lint only: hand-written statements, a
# region named, an express machine, a machine without a policy.
LINT_ONLY = ["tests/golden/compile/template-policy.sfn"]
SEEDS = [("bedrock_joke", "seed-fixed-prompt"),
         ("bedrock_prompt", "seed-input-prompt")]


def compile_template(sfnc, sfn, outdir):
    """The template of FILE's only stack (compiled into OUTDIR with -o)."""
    os.makedirs(outdir, exist_ok=True)
    r = subprocess.run([sfnc, "compile", sfn, "-o", outdir],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("sfnc compile %s exited %d: %s"
                           % (sfn, r.returncode, r.stderr.strip()))
    again = subprocess.run([sfnc, "compile", "--template", sfn],
                           capture_output=True)
    names = [n for n in os.listdir(outdir) if n.endswith(".template.json")]
    if len(names) != 1:
        raise RuntimeError("%s: %d templates written" % (sfn, len(names)))
    with open(os.path.join(outdir, names[0]), "rb") as f:
        text = f.read()
    if again.stdout != text:
        raise RuntimeError("--template and -o differ for %s" % sfn)
    return json.loads(text)


def first_diff(a, b, where=""):
    """Where two JSON values first differ, for the failure message."""
    if type(a) is not type(b):
        return "%s: %r != %r" % (where or "/", a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s/%s: only in %s" % (where, k,
                                              "ours" if k in a else "CDK's")
            d = first_diff(a[k], b[k], where + "/" + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items != %d" % (where, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s/%d" % (where, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %r != %r" % (where, a, b)


def check(name, ours, want):
    d = first_diff(ours, want)
    print("ok %s" % name if d is None else "FAIL %s: %s" % (name, d))


def seeds(sfnc, src, shared, out):
    ref = os.path.join(shared, "reference", "cdk")
    if not os.path.isdir(ref):
        print("skip cfn/seed: %s is missing (%d cases)" % (ref, len(SEEDS)))
        return
    for sfn, cdk in SEEDS:
        with open(os.path.join(ref, cdk + ".template.json")) as f:
            want = json.load(f)
        for r in BOOTSTRAP_RESOURCES:
            want["Resources"].pop(r, None)
        ours = compile_template(sfnc, os.path.join(src, "examples",
                                                   sfn + ".sfn"),
                                os.path.join(out, sfn))
        extra = set(ours) - {"Resources", "Outputs"}
        if extra:
            print("FAIL cfn/seed/%s: keys CDK's template lacks: %s"
                  % (sfn, sorted(extra)))
            continue
        check("cfn/seed/%s" % sfn,
              {"Resources": ours["Resources"], "Outputs": ours["Outputs"]},
              {"Resources": want["Resources"], "Outputs": want["Outputs"]})


def parts(template):
    """Parameters (when any), Resources and Outputs of TEMPLATE."""
    got = {"Resources": template["Resources"],
           "Outputs": template.get("Outputs")}
    params = {k: v for k, v in template.get("Parameters", {}).items()
              if k not in BOOTSTRAP_PARAMETERS}
    if params:
        got["Parameters"] = params
    return got


def policies(template):
    """The template's policy resources."""
    return {k: v for k, v in template["Resources"].items()
            if v["Type"] == "AWS::IAM::Policy"}


def iam(template):
    """The template's role and default policy resources."""
    return {k: v for k, v in template["Resources"].items()
            if v["Type"] in ("AWS::IAM::Role", "AWS::IAM::Policy")}


def integrations(sfnc, src, out):
    here = os.path.join(src, "tests", "cfn")
    for name in sorted(os.listdir(os.path.join(here, "integrations"))):
        if not name.endswith(".sfn"):
            continue
        stack = name[:-4]
        with open(os.path.join(here, "cdk", stack + ".template.json")) as f:
            want = json.load(f)
        ours = compile_template(sfnc, os.path.join(here, "integrations",
                                                   name),
                                os.path.join(out, stack))
        for r in BOOTSTRAP_RESOURCES:
            want["Resources"].pop(r, None)
        if stack in LATEST:
            check("cfn/iam/%s" % stack, policies(ours), policies(want))
        elif stack in POLICY_ONLY:
            check("cfn/iam/%s" % stack, iam(ours), iam(want))
        else:
            check("cfn/iam/%s" % stack, parts(ours), parts(want))


def lint_only(sfnc, src, out):
    """Templates compiled only for the lint runs of tests/cfn/run."""
    for sfn in LINT_ONLY:
        compile_template(sfnc, os.path.join(src, sfn),
                         os.path.join(out, os.path.basename(sfn)[:-4]))
    files, compiled = [], 0
    for d in ["examples"] + sorted(
            os.path.join("tests", "golden", k)
            for k in os.listdir(os.path.join(src, "tests", "golden"))
            if os.path.isdir(os.path.join(src, "tests", "golden", k))):
        files += [os.path.join(d, n)
                  for n in sorted(os.listdir(os.path.join(src, d)))
                  if n.endswith(".sfn") and os.path.join(d, n) not in LINT_ONLY]
    for sfn in files:
        where = os.path.join(out, "lint", sfn.replace("/", "_")[:-4])
        os.makedirs(where, exist_ok=True)
        r = subprocess.run([sfnc, "compile", os.path.join(src, sfn), "-o",
                            where], capture_output=True)
        compiled += r.returncode == 0
    print("ok cfn/lint-set (%d of %d examples and golden files compile; "
          "their templates are linted)" % (compiled, len(files)))


def main():
    sfnc, src, shared, out = sys.argv[1:5]
    for part in (lambda: seeds(sfnc, src, shared, out),
                 lambda: integrations(sfnc, src, out),
                 lambda: lint_only(sfnc, src, out)):
        try:
            part()
        except (RuntimeError, OSError, ValueError, KeyError) as e:
            print("FAIL cfn: %s" % e)


if __name__ == "__main__":
    main()
