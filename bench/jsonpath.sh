#!/usr/bin/env bash
# JsonPath speed and memory: sfnc against jq, jsonpath-plus and
# jsonpath-rfc9535 on the same queries over one generated ~100 MB JSON
# document, in one run. Each tool runs each query RUNS times; the median
# wall time and the peak RSS are reported, with ratios to sfnc, in
# docs/benchmarks.md (between the jsonpath markers) and on stdout.
#
#   bench/jsonpath.sh [MB]      (default 100; RUNS=3, PEERS=/tmp/sfn-peers)
#
# Needs: a built ./sfnc, python3, node and npm (peers are installed with
# ../shared/reference/peers/setup.sh when PEERS holds none), jq, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}
RUNS=${RUNS:-3}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"

for tool in jq node /usr/bin/time python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done
[ -x ./sfnc ] || { echo "bench: build sfnc first" >&2; exit 2; }
if [ ! -d "$PEERS/tools/node_modules/jsonpath-rfc9535" ]; then
	SKIP_APT=1 bash "$SHARED/reference/peers/setup.sh" "$PEERS" >"$WORK/setup.log" 2>&1
fi
DOC=$WORK/big-$MB.json
[ -f "$DOC" ] || python3 "$SHARED/bench/gen_big_json.py" "$DOC" --mb "$MB" >/dev/null

# name | sfnc and jsonpath-plus | jsonpath-rfc9535 | jq
QUERIES=(
	'child member over an array|$.store.book[*].author|$.store.book[*].author|[.store.book[].author]'
	'wildcard|$.store.book[*].stock.*|$.store.book[*].stock.*|[.store.book[].stock[]]'
	'descendant ..|$..author|$..author|[.. | objects | select(has("author")) | .author]'
	'filter|$.store.book[?(@.price < 10)].title|$.store.book[?@.price < 10].title|[.store.book[] | select(.price < 10) | .title]'
)

# measure CMD...: prints "wall_seconds peak_kb" (median wall of RUNS).
measure() {
	local walls=() peak=0 out
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >/dev/null 2>&1
		out=$(tail -1 "$WORK/time.out")
		walls+=("${out% *}")
		[ "${out#* }" -gt "$peak" ] && peak=${out#* }
	done
	printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" "$peak"
}

count_json() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

plus=$PEERS/tools/node_modules
js=$SHARED/reference/peers/jsonpath-bench.js
rows=""
for q in "${QUERIES[@]}"; do
	IFS='|' read -r name path rfc jqq <<<"$q"
	n_sfnc=$(./sfnc jsonpath -c "$path" "$DOC" | count_json)
	n_jq=$(jq -c "$jqq" "$DOC" | count_json)
	read -r w_s m_s < <(measure ./sfnc jsonpath -c "$path" "$DOC")
	read -r w_j m_j < <(measure jq -c "$jqq" "$DOC")
	read -r w_p m_p < <(measure env NODE_PATH="$plus" node "$js" jsonpath-plus "$path" "$DOC")
	read -r w_r m_r < <(measure env NODE_PATH="$plus" node "$js" jsonpath-rfc9535 "$rfc" "$DOC")
	for t in "sfnc $w_s $m_s" "jq $w_j $m_j" "jsonpath-plus $w_p $m_p" "jsonpath-rfc9535 $w_r $m_r"; do
		read -r tool w m <<<"$t"
		rows+=$(printf '| %s | %s | %s | %.0f | %.2fx | %.2fx |' "$name" "$tool" "$w" "$((m / 1024))" \
			"$(echo "$w / $w_s" | bc -l)" "$(echo "$m / $m_s" | bc -l)")$'\n'
	done
	echo "$name: sfnc ${w_s}s ${m_s}KB ($n_sfnc results; jq $n_jq) | jq ${w_j}s | jsonpath-plus ${w_p}s | jsonpath-rfc9535 ${w_r}s" >&2
done

table=$(printf '%s\n%s\n%s' \
	"Document: \`gen_big_json.py --mb $MB\` ($(stat -c %s "$DOC") bytes); median of $RUNS runs; $(nproc) cores; $(date -u +%Y-%m-%d)." \
	"" \
	"| query | tool | wall (s) | peak RSS (MB) | time vs sfnc | RSS vs sfnc |")
table+=$'\n|---|---|---|---|---|---|\n'"$rows"
echo "$table"
python3 - "$table" <<'PY'
import re, sys
path = "docs/benchmarks.md"
text = open(path).read()
new = "<!-- jsonpath:begin -->\n" + sys.argv[1].rstrip() + "\n<!-- jsonpath:end -->"
text = re.sub(r"<!-- jsonpath:begin -->.*<!-- jsonpath:end -->", lambda m: new, text, flags=re.S)
open(path, "w").write(text)
PY
