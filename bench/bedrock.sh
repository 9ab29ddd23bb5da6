#!/usr/bin/env bash
# Bedrock over the wire: sfnc run on a Map of 1,000 InvokeModel calls at
# MaxConcurrency 50 against the stand-in answering every call 100 ms
# late, so the ideal wall time is 1000 / 50 * 0.1 = 2.0 s. The stand-in
# is bench/bedrock-standin (C, libmicrohttpd, one thread: a delayed
# request is suspended, not slept on; built here when missing), which
# checks every signature with libsfn's signer unless CHECK_SIGNATURES=0;
# STANDIN=python takes tests/integration/bedrock_standin.py (its own
# SigV4 code) instead. Reports the median wall time of RUNS
# runs and its ratio to the ideal (target: at most 1.2x), the requests and
# the most in flight the stand-in saw, sfnc's peak RSS (/usr/bin/time) and
# the machine's load, and the stand-in's own floor (the same calls
# answered at once), into docs/benchmarks.md between the bedrock markers
# and on stdout. One measurement function (measure) so that the shared
# harness (bench/pairs.py) can take it over.
#
#   bench/bedrock.sh   (RUNS=3, ITEMS=1000, CONCURRENCY=50, DELAY_MS=100,
#                       STANDIN=c, CHECK_SIGNATURES=1, WORK=/tmp/sfn-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
ITEMS=${ITEMS:-1000}
CONCURRENCY=${CONCURRENCY:-50}
DELAY_MS=${DELAY_MS:-100}
STANDIN=${STANDIN:-c}
CHECK_SIGNATURES=${CHECK_SIGNATURES:-1}
WORK=${WORK:-/tmp/sfn-bench}/bedrock.$$
SECRET=bench-secret-not-a-real-key
mkdir -p "$WORK"
. bench/lib.sh

need /usr/bin/time python3
if [ "$STANDIN" = python ]; then
	standin="python3 tests/integration/bedrock_standin.py"
	standin_name="one Python process checking every signature"
else
	[ -x bench/bedrock-standin ] || make -s bench/bedrock-standin >&2
	standin=bench/bedrock-standin
	[ "$CHECK_SIGNATURES" = 1 ] && standin="$standin --check-signatures"
	standin_name="bench/bedrock-standin, signatures $([ "$CHECK_SIGNATURES" = 1 ] && echo checked || echo unchecked)"
fi

# start_standin NAME FD DELAY: a stand-in answering DELAY ms late, stopped
# when its FIFO (held on FD) closes with this script; prints its URL.
pids=
trap 'exec 3>&- 4>&-; kill $pids 2>/dev/null; rm -rf "$WORK"' EXIT
start_standin() {
	mkfifo "$WORK/$1.in"
	SFN_STANDIN_KEY_ID=AKIDBENCH SFN_STANDIN_SECRET=$SECRET SFN_STANDIN_REGION=us-east-1 \
		$standin --delay-ms "$3" --lifetime 900 \
		<"$WORK/$1.in" >"$WORK/$1.port" 2>"$WORK/$1.log" &
	pids="$pids $!"
	eval "exec $2>\"$WORK/$1.in\""
	for _ in $(seq 100); do
		grep -q '^PORT ' "$WORK/$1.port" && break
		sleep 0.1
	done
}
start_standin slow 3 "$DELAY_MS"
start_standin fast 4 0
url=http://127.0.0.1:$(sed -n 's/^PORT //p' "$WORK/slow.port")
fast=http://127.0.0.1:$(sed -n 's/^PORT //p' "$WORK/fast.port")
stats() {
	python3 -c 'import json, sys, urllib.request
o = urllib.request.build_opener(urllib.request.ProxyHandler({}))
s = json.load(o.open(sys.argv[1] + "/__stats"))
print(s["requests"], s["max_in_flight"], s["bad_signatures"])' "$url"
}

python3 - "$ITEMS" "$CONCURRENCY" "$WORK" <<'PY'
import json, sys
n, conc, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
task = {"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
        "Parameters": {"ModelId": "anthropic.claude-v2",
                       "Body": {"prompt.$": "$.prompt",
                                "max_tokens_to_sample": 50}},
        "ResultSelector": {"text.$": "$.Body.completion"}, "End": True}
machine = {"StartAt": "Each", "States": {"Each": {
    "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": conc,
    "ItemSelector": {"prompt.$": "States.Format('Human: item {}', $$.Map.Item.Value)"},
    "ItemProcessor": {"StartAt": "Ask", "States": {"Ask": task}},
    "End": True}}}
json.dump(machine, open(work + "/map.asl.json", "w"))
json.dump({"items": list(range(n))}, open(work + "/items.json", "w"))
PY

# measure [URL]: one run; prints "WALL_SECONDS PEAK_RSS_KB USER_S SYSTEM_S".
measure() {
	env HOME="$WORK" NO_PROXY=127.0.0.1 AWS_ACCESS_KEY_ID=AKIDBENCH \
		AWS_SECRET_ACCESS_KEY=$SECRET AWS_REGION=us-east-1 \
		/usr/bin/time -f '%e %M %U %S' -o "$WORK/time" \
		./sfnc run "$WORK/map.asl.json" --input "@$WORK/items.json" \
		--endpoint-url "${1:-$url}" --compact >"$WORK/out" 2>"$WORK/err" ||
		{ cat "$WORK/err" >&2; exit 1; }
	python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))
assert len(v) == int(sys.argv[2]) and v[-1]["text"].endswith("item %d" % (len(v) - 1))' \
		"$WORK/out" "$ITEMS" || { echo "bench: wrong output" >&2; exit 1; }
	cat "$WORK/time"
}

read -r req0 _ _ < <(stats)
walls=() rss=0 cpu=0
load=$(cut -d' ' -f1 /proc/loadavg)
for _ in $(seq "$RUNS"); do
	read -r wall kb user sys < <(measure)
	walls+=("$wall")
	[ "$kb" -gt "$rss" ] && rss=$kb
	cpu=$(python3 -c "print('%.2f' % max($cpu, $user + $sys))")
	echo "run: ${wall}s, ${kb} KB, ${user}s user, ${sys}s system" >&2
done
read -r req1 peak bad < <(stats)
# The floor: the same calls answered at once, what the stand-in itself
# takes with sfnc.
read -r floor _ < <(measure "$fast")
echo "floor: ${floor}s" >&2
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
ideal=$(python3 -c "print($ITEMS / $CONCURRENCY * $DELAY_MS / 1000)")
ratio=$(python3 -c "print('%.2f' % ($median / $ideal))")
net=$(python3 -c "print('%.2f' % (($median - $floor) / $ideal))")
per_run=$(( (req1 - req0) / RUNS ))

table=$(printf '%s\n\n%s\n%s\n%s\n\n%s' \
	"A Map of $ITEMS InvokeModel calls at MaxConcurrency $CONCURRENCY, the stand-in answering each after $DELAY_MS ms (ideal: ${ideal} s); median of $RUNS runs; $(nproc) cores, one-minute load average before/after: $load/$(cut -d' ' -f1 /proc/loadavg); $(date -u +%Y-%m-%d)." \
	"| calls | wall | ideal | wall / ideal | requests seen per run | most in flight | bad signatures | sfnc peak RSS | sfnc CPU (most) |" \
	"|---|---|---|---|---|---|---|---|---|" \
	"| $ITEMS | ${median} s | ${ideal} s | ${ratio}x | $per_run | $peak | $bad | $((rss / 1024)) MB | ${cpu} s |" \
	"Target: wall time within 1.2x of the ideal. The stand-in: ${standin_name}. The same calls answered at once take ${floor} s (the floor: the stand-in and sfnc with no delay); the wall time less that floor is ${net}x the ideal.")
echo "$table"
splice bedrock "$table"
