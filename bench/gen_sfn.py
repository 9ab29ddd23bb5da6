#!/usr/bin/env python3
"""Writes large .sfn files for bench/compile.sh (stdlib only, deterministic).

    bench/gen_sfn.py tasks N OUT.sfn   one machine: Pass0 -> Invoke0 -> Pass1
                                       -> ... (2N states), the stack that
                                       ../shared/reference/peers/synth-large.js
                                       builds with CDK
    bench/gen_sfn.py states N OUT.sfn  one machine of exactly N states: a
                                       chain of pass, task, choice and wait
                                       states, ended by a succeed

A .sfn file holds at most 4 MiB, so the states of the second form are
short: 100,000 of them take about 3.8 MB.
"""
import sys


def tasks(n):
    yield "stack LargeStack {"
    yield '  model Claude = bedrock.foundation_model("anthropic.claude-instant-v1")'
    yield "  machine StateMachine {"
    for i in range(n):
        yield "    pass Pass%d { parameters { i: %d, prev: $ } }" % (i, i)
        yield ("    task Invoke%d = bedrock.invoke_model(Claude) {"
               " body { prompt: States.Format('\\n\\nHuman:{} #%d\\n\\n"
               "Assistant:', $$.Execution.Input.prompt),"
               " max_tokens_to_sample: 256 }"
               " select { joke: $.Body.completion } }" % (i, i))
    yield "  }"
    yield "  output StateMachineArn = StateMachine.arn"
    yield "}"


# The kinds of state, cycled: NAME's first letter, then the state with
# %(n)s for its name and %(next)s for the name of the state after it. No
# indentation: 100,000 states must fit in 4 MiB.
KINDS = [
    ("P", "pass %(n)s { result { i: %(i)d } }"),
    ("T", "task %(n)s = bedrock.invoke_model(C) { body { n: %(i)d } }"),
    ("C", "choice %(n)s { when $.n > 0 -> %(next)s otherwise -> %(next)s }"),
    ("W", "wait %(n)s 1s"),
    ("S", "pass %(n)s { result_path $.s }"),
]


def name(i):
    return "%s%d" % (KINDS[i % len(KINDS)][0], i)


def states(n):
    yield "stack Large {"
    yield 'model C = bedrock.foundation_model("anthropic.claude-instant-v1")'
    yield "machine M {"
    for i in range(n - 1):
        form = KINDS[i % len(KINDS)][1]
        nxt = name(i + 1) if i + 1 < n - 1 else "End"
        yield form % {"n": name(i), "i": i, "next": nxt}
    yield "succeed End"
    yield "}"
    yield "}"


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("tasks", "states"):
        sys.exit(__doc__)
    n = int(sys.argv[2])
    if n < 1:
        sys.exit("gen_sfn: N must be at least 1")
    gen = tasks if sys.argv[1] == "tasks" else states
    with open(sys.argv[3], "w") as f:
        for line in gen(n):
            f.write(line + "\n")


if __name__ == "__main__":
    main()
