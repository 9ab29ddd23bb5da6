#!/usr/bin/env bash
# Compile speed and memory: sfnc compile against node synthesizing the same
# stacks with CDK, in one run. The tools take turns (bench/pairs.py):
#   - the tutorial's stack (examples/bedrock_joke.sfn) against
#     ../shared/reference/peers/seed-stack.js with aws-cdk-lib 2.115.0 and
#     with the newest aws-cdk-lib, and against `sfnc --version` (the cost of
#     starting the program at all);
#   - 1,000 Bedrock tasks (2,000 states: bench/gen_sfn.py tasks) against
#     peers/synth-large.js with both CDKs;
#   - generated .sfn machines of 1k, 10k and 100k states (gen_sfn.py
#     states), sfnc alone, the three sizes in turns, and the growth from
#     10k to 100k as the median of its per-round ratios.
# sfnc writes with -o DIR (every machine's ASL, and the stack's template
# once sfnc builds templates: the table says which). Medians, peak RSS,
# median per-round ratios and the load average go to docs/benchmarks.md
# between the compile markers and to stdout; with valgrind, callgrind's
# instruction counts too (they repeat exactly, unlike seconds).
#
# The tutorial's and the 1,000 tasks' rows take more rounds
# (TUTORIAL_RUNS, TASKS_RUNS): sfnc's runs of a few milliseconds are the
# ones most disturbed by what the machine does at that moment (right
# after node's run most of all), and a median of three such ratios
# moves by a fifth from one run of the script to the next; with 10 and 7
# rounds, three runs in an hour still gave the 1,000 tasks 85.5x to
# 134.8x, hence 20 and 15 (and 20 for the sizes).
#
#   bench/compile.sh   (RUNS=20, TUTORIAL_RUNS=20, TASKS_RUNS=15, PEERS=/tmp/sfn-peers, WORK=/tmp/sfn-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-20}
TUTORIAL_RUNS=${TUTORIAL_RUNS:-20}
TASKS_RUNS=${TASKS_RUNS:-15}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
REF=$SHARED/reference/peers
mkdir -p "$WORK"

need node /usr/bin/time python3 bc
if [ ! -d "$PEERS/node_modules/aws-cdk-lib" ]; then
	SKIP_APT=1 bash "$REF/setup.sh" "$PEERS" >"$WORK/setup.log" 2>&1
fi
cdk_old="env NODE_PATH=$PEERS/node_modules node"
cdk_new="env NODE_PATH=$PEERS/cdk-latest/node_modules node"
v_old=$(node -p "require('$PEERS/node_modules/aws-cdk-lib/package.json').version")
v_new=""
[ -d "$PEERS/cdk-latest/node_modules/aws-cdk-lib" ] &&
	v_new=$(node -p "require('$PEERS/cdk-latest/node_modules/aws-cdk-lib/package.json').version")
out=$WORK/compile-out
what="ASL"
./sfnc compile -o "$out" examples/bedrock_joke.sfn
ls "$out"/*.template.json >/dev/null 2>&1 && what="ASL and template"

# peers NAME SCRIPT ARGS: NAME=COMMAND words for both CDKs.
peers() {
	local name=$1 script=$2
	shift 2
	echo "cdk-$v_old=$cdk_old $REF/$script $* $WORK/cdk-old-$name"
	[ -n "$v_new" ] && echo "cdk-$v_new=$cdk_new $REF/$script $* $WORK/cdk-new-$name"
	return 0
}

# commas N: 1234567 as 1,234,567.
commas() {
	python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"
}

rows=""
load_seen=""
# row LABEL REPORT TOOL...: a table row per tool of a pairs.py report.
row() {
	local label=$1 report=$2
	shift 2
	load_seen+="$label $(loads "$report"), "
	for t in "$@"; do
		rows+=$(printf '| %s | %s | %.4f s | %.4f s | %.0f MB | %.1fx |' \
			"$label" "${t/sfnc-version/sfnc --version}" \
			"$(field "$report" "$t" median_s)" \
			"$(field "$report" "$t" min_s)" \
			"$(echo "$(field "$report" "$t" peak_rss_kb) / 1024" | bc -l)" \
			"$(field "$report" "$t" ratio_to_first)")$'\n'
	done
}
tools() {
	python3 -c 'import json,sys
print(" ".join(t["name"] for t in json.load(open(sys.argv[1]))["tools"]))' "$1"
}

mapfile -t p < <(peers tutorial seed-stack.js fixed)
pair "$WORK/compile-tutorial.json" "$TUTORIAL_RUNS" 1 \
	"sfnc=./sfnc compile -o $out examples/bedrock_joke.sfn" \
	"sfnc-version=./sfnc --version" "${p[@]}"
row "tutorial stack" "$WORK/compile-tutorial.json" $(tools "$WORK/compile-tutorial.json")

python3 bench/gen_sfn.py tasks 1000 "$WORK/tasks-1000.sfn"
mapfile -t p < <(peers tasks synth-large.js 1000)
pair "$WORK/compile-tasks.json" "$TASKS_RUNS" 1 \
	"sfnc=./sfnc compile -o $out $WORK/tasks-1000.sfn" "${p[@]}"
row "1,000 Bedrock tasks" "$WORK/compile-tasks.json" $(tools "$WORK/compile-tasks.json")

# The three sizes take turns in one run, 10,000 first: the growth is the
# median of the per-round ratios of 100,000 to 10,000, both measured in
# the same moments of the machine (a ratio of two medians taken minutes
# apart moved by a quarter from one run to the next).
for n in 1000 10000 100000; do
	python3 bench/gen_sfn.py states "$n" "$WORK/states-$n.sfn"
done
pair "$WORK/compile-sizes.json" "$RUNS" 1 \
	"10000=./sfnc compile -o $out $WORK/states-10000.sfn" \
	"1000=./sfnc compile -o $out $WORK/states-1000.sfn" \
	"100000=./sfnc compile -o $out $WORK/states-100000.sfn"
load_seen+="sizes $(loads "$WORK/compile-sizes.json"), "
for n in 1000 10000 100000; do
	rows+=$(printf '| %s states (%d KB) | sfnc | %.4f s | %.4f s | %.0f MB | %.1fx |' \
		"$(commas "$n")" "$(($(stat -c %s "$WORK/states-$n.sfn") / 1024))" \
		"$(field "$WORK/compile-sizes.json" "$n" median_s)" \
		"$(field "$WORK/compile-sizes.json" "$n" min_s)" \
		"$(echo "$(field "$WORK/compile-sizes.json" "$n" peak_rss_kb) / 1024" | bc -l)" \
		"$(field "$WORK/compile-sizes.json" "$n" ratio_to_first)")$'\n'
done
growth=$(field "$WORK/compile-sizes.json" 100000 ratio_to_first)

instructions=""
if command -v valgrind >/dev/null; then
	for c in "--version" "compile -o $out examples/bedrock_joke.sfn" \
		"compile -o $out $WORK/tasks-1000.sfn" \
		"compile -o $out $WORK/states-10000.sfn"; do
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
			./sfnc $c >/dev/null 2>"$WORK/cg.log" || true
		ir=$(sed -n 's/^summary: //p' "$WORK/cg.out")
		instructions+="\`sfnc ${c//$WORK\//}\` $(commas "$ir"), "
	done
	instructions=" Instructions (callgrind): ${instructions%, }."
fi

table=$(printf '%s\n\n%s\n%s\n%s\n\n%s' \
	"sfnc writes $what (\`-o DIR\`); CDK synthesizes a cloud assembly with node ($TUTORIAL_RUNS rounds for the tutorial, $TASKS_RUNS for the 1,000 tasks, $RUNS for the three sizes, which take turns, 10,000 states first; one warm-up round each; the tools take turns; medians and minimums shown; the last column is the median of per-round ratios to the run's first tool); $(nproc) cores; load average before/after: ${load_seen%, }; $(date -u +%Y-%m-%d)." \
	"| workload | tool | wall (median) | wall (min) | peak RSS | time / first |" \
	"|---|---|---|---|---|---|" \
	"${rows%$'\n'}" \
	"sfnc's time at 100,000 states is $(printf '%.1f' "$growth")x its time at 10,000 (median of the per-round ratios).$instructions")
echo "$table"
splice compile "$table"
