#!/usr/bin/env bash
# JSONata speed and memory: sfnc's engine (bench/jsonata-bench, linked with
# libsfn) against the reference implementation (the jsonata npm package run
# by node, bench/jsonata-bench.js) on the same expressions over the same
# documents, in one run: a path over a ~100 MB document, a $sum/$map
# aggregation, a group-by object constructor and a transform over a ~10 MB
# one, and 100,000 evaluations of a short expression over one small object,
# as a Map state evaluates one per item. sfnc reads documents as mapped
# text (sfn_jsonata_eval_file_write) and the small object as a tree read
# once (-t, sfn_jsonata_eval_write, as the interpreter hands a state its
# input), and writes results without a cJSON copy; the
# reference JSON.parses both. Both print their last result; the
# outputs are compared before anything is timed. The tools take turns
# (bench/pairs.py), RUNS rounds a workload; the median wall time, the peak
# RSS, the median of per-round time ratios and the load average go to
# docs/benchmarks.md (between the jsonata markers) and to stdout.
#
#   bench/jsonata.sh [MB]   (default 100; SMALL_MB=10, RUNS=5, EVALS=100000,
#                            PEERS=/tmp/sfn-peers, WORK=/tmp/sfn-bench)
#
# Needs: make, python3, node and npm (the jsonata package is installed
# under PEERS/tools when missing), GNU time, bc.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MB=${1:-100}
SMALL_MB=${SMALL_MB:-10}
RUNS=${RUNS:-5}
EVALS=${EVALS:-100000}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"

for tool in node npm /usr/bin/time python3 bc; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done
make -s bench-programs >/dev/null
if [ ! -f "$PEERS/tools/node_modules/jsonata/package.json" ]; then
	npm install --prefix "$PEERS/tools" jsonata >"$WORK/npm.log" 2>&1
fi
modules=$PEERS/tools/node_modules
version=$(node -p "require('$modules/jsonata/package.json').version")

BIG=$WORK/big-$MB.json
MID=$WORK/big-$SMALL_MB.json
ONE=$WORK/book.json
[ -f "$BIG" ] || python3 "$SHARED/bench/gen_big_json.py" "$BIG" --mb "$MB" >/dev/null
[ -f "$MID" ] || python3 "$SHARED/bench/gen_big_json.py" "$MID" --mb "$SMALL_MB" >/dev/null
python3 -c 'import json,sys
json.dump(json.load(open(sys.argv[1]))["store"]["book"][1], open(sys.argv[2], "w"))' "$MID" "$ONE"

# name | evaluations | document | sfnc's input (text or tree) | expression
# (no single quotes)
WORKLOADS=(
	"path over ${MB} MB|1|$BIG|text|store.book.author"
	"\$sum/\$map aggregation|1|$MID|text|\$sum(\$map(store.book, function(\$b) { \$b.price * \$b.stock.qty }))"
	"group-by object constructor|1|$MID|text|store.book{category: {\"count\": \$count(title), \"value\": \$sum(price)}}"
	"transform|1|$MID|text|store ~> | book | {\"price\": price * 2}, [\"isbn\", \"tags\"] |"
	"short expression, ${EVALS} evaluations|$EVALS|$ONE|tree|{\"title\": \$uppercase(title), \"value\": price * stock.qty, \"tags\": \$join(tags, \",\")}"
)

size() {
	local b
	b=$(stat -c %s "$1")
	if [ "$b" -ge 1048576 ]; then
		printf '%.0f MB' "$(echo "$b / 1048576" | bc -l)"
	else
		printf '%d bytes' "$b"
	fi
}

rows=""
load_seen=""
i=0
for w in "${WORKLOADS[@]}"; do
	IFS='|' read -r name n doc form expr <<<"$w"
	i=$((i + 1))
	flag=$([ "$form" = tree ] && echo "-t " || true)
	sfnc=(bench/jsonata-bench $flag-n "$n" "$expr" "$doc")
	peer=(env NODE_PATH="$modules" node bench/jsonata-bench.js -n "$n" "$expr" "$doc")
	"${sfnc[@]}" >"$WORK/jsonata-$i.sfnc"
	"${peer[@]}" >"$WORK/jsonata-$i.peer"
	if ! cmp -s "$WORK/jsonata-$i.sfnc" "$WORK/jsonata-$i.peer"; then
		echo "bench: $name: sfnc and jsonata print different results" \
			"($WORK/jsonata-$i.sfnc, $WORK/jsonata-$i.peer)" >&2
		exit 1
	fi
	out=$WORK/jsonata-$i.json
	pair "$out" "$RUNS" 1 "sfnc=bench/jsonata-bench $flag-n $n '$expr' $doc" \
		"jsonata=env NODE_PATH=$modules node bench/jsonata-bench.js -n $n '$expr' $doc"
	load_seen+="$(loads "$out"), "
	w_s=$(field "$out" sfnc median_s)
	m_s=$(field "$out" sfnc peak_rss_kb)
	w_p=$(field "$out" jsonata median_s)
	m_p=$(field "$out" jsonata peak_rss_kb)
	r=$(field "$out" jsonata ratio_to_first)
	m_r=$(echo "$m_p / $m_s" | bc -l)
	ok=$(echo "$r >= 3 && $m_r >= 3" | bc)
	rows+=$(printf '| %s | %s (%s) | %s | %.2f | %.0f | %.2f | %.0f | %.2fx | %.2fx | %s |' \
		"$name" "$(size "$doc")" "$form" "$n" "$w_s" "$((m_s / 1024))" "$w_p" "$((m_p / 1024))" \
		"$r" "$m_r" "$([ "$ok" = 1 ] && echo met || echo missed)")$'\n'
	echo "$name: sfnc ${w_s}s ${m_s}KB, jsonata ${w_p}s ${m_p}KB: ${r}x the time, ${m_r}x the memory" >&2
done

table=$(printf '%s\n%s\n%s' \
	"Documents: \`gen_big_json.py --mb $MB\` and \`--mb $SMALL_MB\`, and one book of the latter; jsonata $version on node $(node --version); the tools run alternately, $RUNS rounds; wall is the median, the ratios are jsonata's time (median of per-round ratios) and peak RSS over sfnc's; $(nproc) cores; load average before/after each workload: ${load_seen%, }; $(date -u +%Y-%m-%d)." \
	"" \
	"| workload | document (sfnc reads) | evaluations | sfnc (s) | sfnc RSS (MB) | jsonata (s) | jsonata RSS (MB) | time ratio | RSS ratio | 3x target |")
table+=$'\n|---|---|---|---|---|---|---|---|---|---|\n'"$rows"
echo "$table"
splice jsonata "$table"
