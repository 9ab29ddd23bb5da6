#!/usr/bin/env bash
# Execution speed and memory: sfnc run against aws-local-stepfunctions
# (npm, driven by ../shared/reference/peers/local-sfn-run.js) on three
# generated machines, in one run: a chain of Pass states, a loop driven by
# a Choice state, and an inline Map over many items. The tools run
# alternately (bench/pairs.py); each one's output is compared with the
# other's first. Reported: states entered per second (wall time includes
# starting the tool and reading the machine), peak RSS, the median of
# per-round time ratios, the load average; then sfnc's instructions
# (callgrind) at half and full size, which must grow linearly; then a Map
# of 1,000 mocked tasks that each answer after 0.1 s (real time) at
# MaxConcurrency 50, against its ideal of 1000 / 50 * 0.1 = 2.0 s. Into
# docs/benchmarks.md between the run markers, and on stdout.
#
#   bench/run.sh   (RUNS=5, CHAIN=10000, LOOP=6000, ITEMS=6000,
#                   PEERS=/tmp/sfn-peers, WORK=/tmp/sfn-bench)
#
# LOOP and ITEMS stay under the history quota of a standard execution
# (SFN_RUN_MAX_HISTORY, 25,000 events: an iteration of the loop takes 4,
# an item of the Map 4), which sfnc enforces as the service does and the
# peer does not.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-5}
CHAIN=${CHAIN:-10000}
LOOP=${LOOP:-6000}
ITEMS=${ITEMS:-6000}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"

need node /usr/bin/time python3 bc
if [ ! -d "$PEERS/tools/node_modules/aws-local-stepfunctions" ]; then
	SKIP_APT=1 bash "$SHARED/reference/peers/setup.sh" "$PEERS" >"$WORK/setup.log" 2>&1
fi
peer_js=$SHARED/reference/peers/local-sfn-run.js
peer_env="env NODE_PATH=$PEERS/tools/node_modules"

# gen KIND N: writes $WORK/run-KIND-N.asl.json and .in.json; prints the
# number of states the execution enters.
gen() {
	python3 - "$1" "$2" "$WORK/run-$1-$2" <<'PY'
import json, sys
kind, n, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "chain":
    states = {"S%d" % i: {"Type": "Pass", "Next": "S%d" % (i + 1)}
              for i in range(n)}
    states["S%d" % (n - 1)] = {"Type": "Pass", "Result": {"n": n},
                               "End": True}
    asl, inp, entered = {"StartAt": "S0", "States": states}, {}, n
elif kind == "loop":
    asl = {"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Parameters": {"i": 0, "n.$": "$.n"},
                 "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{
            "Variable": "$.i", "NumericLessThanPath": "$.n",
            "Next": "Step"}], "Default": "Done"},
        "Step": {"Type": "Pass", "Parameters": {
            "i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"},
            "Next": "Check"},
        "Done": {"Type": "Succeed"}}}
    inp, entered = {"n": n}, 2 * n + 3
else:
    asl = {"StartAt": "M", "States": {"M": {
        "Type": "Map", "ItemsPath": "$.items",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                          "StartAt": "P",
                          "States": {"P": {"Type": "Pass", "End": True}}},
        "ResultSelector": {"n.$": "States.ArrayLength($)"},
        "End": True}}}
    inp, entered = {"items": list(range(n))}, n + 1
json.dump(asl, open(base + ".asl.json", "w"))
json.dump(inp, open(base + ".in.json", "w"), separators=(",", ":"))
print(entered)
PY
}

# commas N: 1234567 as 1,234,567.
commas() {
	echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
}

same_json() {
	python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1]) != json.loads(sys.argv[2]))' "$1" "$2"
}

# instructions KIND N: sfnc's instruction count (callgrind) on it.
instructions() {
	local b=$WORK/run-$1-$2
	valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-run.out" \
		./sfnc run -c --no-wait "$b.asl.json" -i "@$b.in.json" >/dev/null 2>>"$WORK/cg-run.log"
	sed -n 's/^summary: //p' "$WORK/cg-run.out"
}

rows=""
linear=""
load_seen=""
for w in chain:$CHAIN loop:$LOOP map:$ITEMS; do
	kind=${w%%:*} n=${w#*:}
	entered=$(gen "$kind" "$n")
	b=$WORK/run-$kind-$n
	input=$(cat "$b.in.json")
	got_s=$(./sfnc run -c --no-wait "$b.asl.json" -i "@$b.in.json")
	got_p=$($peer_env node "$peer_js" "$b.asl.json" "$input")
	same_json "$got_s" "$got_p" || { echo "bench: $kind: sfnc says $got_s, the peer $got_p" >&2; exit 1; }
	out=$WORK/run-$kind.json
	pair "$out" "$RUNS" 1 "sfnc=./sfnc run -c --no-wait $b.asl.json -i @$b.in.json" \
		"aws-local-stepfunctions=$peer_env node $peer_js $b.asl.json '$input'"
	load_seen+="$kind $(loads "$out"), "
	ts=$(field "$out" sfnc median_s) ms=$(field "$out" sfnc peak_rss_kb)
	tp=$(field "$out" aws-local-stepfunctions median_s)
	mp=$(field "$out" aws-local-stepfunctions peak_rss_kb)
	r=$(field "$out" aws-local-stepfunctions ratio_to_first)
	rows+=$(printf '| %s | %s | %.3f s | %.0f | %.1f MB | %.3f s | %.0f | %.1f MB | %.1fx | %.1fx |' \
		"$kind $(commas "$n")" "$(commas "$entered")" "$ts" "$(echo "$entered / $ts" | bc -l)" "$(echo "$ms / 1024" | bc -l)" \
		"$tp" "$(echo "$entered / $tp" | bc -l)" "$(echo "$mp / 1024" | bc -l)" "$r" \
		"$(echo "$mp / $ms" | bc -l)")$'\n'
	echo "$kind $n: sfnc ${ts}s ${ms}KB, peer ${tp}s ${mp}KB, peer/sfnc time ${r}x" >&2
	if command -v valgrind >/dev/null; then
		half=$((n / 2))
		entered_half=$(gen "$kind" "$half")
		ir_half=$(instructions "$kind" "$half")
		ir=$(instructions "$kind" "$n")
		linear+=$(printf '%s: %s instructions at %d, %s at %d (%.2fx for %.2fx the states entered); ' \
			"$kind" "$(commas "$ir_half")" "$half" "$(commas "$ir")" "$n" \
			"$(echo "$ir / $ir_half" | bc -l)" "$(echo "$entered / $entered_half" | bc -l)")
	fi
done

# A Map of 1,000 mocked tasks answering after 0.1 s each, 50 at a time,
# on the real clock.
python3 - "$WORK/run-tasks" <<'PY'
import json, sys
base = sys.argv[1]
json.dump({"StartAt": "M", "States": {"M": {
    "Type": "Map", "MaxConcurrency": 50,
    "ItemProcessor": {"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f", "Payload.$": "$"},
        "End": True}}},
    "ResultSelector": {"n.$": "States.ArrayLength($)"},
    "End": True}}}, open(base + ".asl.json", "w"))
json.dump({"StateMachines": {"run-tasks": {"TestCases": {"Slow": {
    "T": "Tenth"}}}}, "MockedResponses": {"Tenth": {"0": {
        "Return": {"StatusCode": 200}, "DelaySeconds": 0.1}}}},
    open(base + ".mock.json", "w"))
json.dump(list(range(1000)), open(base + ".in.json", "w"))
PY
t=$WORK/run-tasks
got=$(./sfnc run -c "$t.asl.json" -i "@$t.in.json" --mock-config "$t.mock.json" --test-case Slow)
[ "$got" = '{"n":1000}' ] || { echo "bench: tasks: sfnc says $got" >&2; exit 1; }
pair "$WORK/run-tasks.json" "$RUNS" 0 \
	"sfnc=./sfnc run -c $t.asl.json -i @$t.in.json --mock-config $t.mock.json --test-case Slow"
tt=$(field "$WORK/run-tasks.json" sfnc median_s)
mt=$(field "$WORK/run-tasks.json" sfnc peak_rss_kb)
load_seen+="tasks $(loads "$WORK/run-tasks.json"), "
echo "tasks: ${tt}s ${mt}KB" >&2
tasks_line=$(printf 'A Map of 1,000 mocked tasks that each answer after 0.1 s, MaxConcurrency 50, real clock: %.3f s (median of %d), %.2fx the ideal 2.0 s; peak RSS %.1f MB.' \
	"$tt" "$RUNS" "$(echo "$tt / 2" | bc -l)" "$(echo "$mt / 1024" | bc -l)")

linear_line=""
[ -z "$linear" ] || linear_line="Instructions of sfnc (callgrind) at half and full size: ${linear%; }."
table=$(printf '%s\n\n%s\n%s\n%s\n\n%s\n\n%s' \
	"Machines generated by \`bench/run.sh\`; \`sfnc run --no-wait\` and aws-local-stepfunctions (tasks stubbed) run alternately, $RUNS rounds, medians shown; states/s is the states entered over the wall time (start-up included); the ratios are the peer's over sfnc's (time: the median of per-round ratios); $(nproc) cores; load average before/after: ${load_seen%, }; $(date -u +%Y-%m-%d)." \
	"| machine | states entered | sfnc | states/s | RSS | aws-local-stepfunctions | states/s | RSS | time: peer / sfnc | RSS: peer / sfnc |" \
	"|---|---|---|---|---|---|---|---|---|---|" \
	"${rows%$'\n'}" \
	"$linear_line" \
	"$tasks_line")
echo "$table"
splice run "$table"
