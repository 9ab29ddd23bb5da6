#!/usr/bin/env bash
# JsonPath speed and memory: sfnc against jq, jsonpath-plus and
# jsonpath-rfc9535 on the same queries over one generated ~100 MB JSON
# document, in one run. The tools take turns (bench/pairs.py), RUNS rounds
# a query; the median wall time, the peak RSS, the median of per-round
# time ratios to sfnc and the load average are reported in
# docs/benchmarks.md (between the jsonpath markers) and on stdout. When
# valgrind is there, sfnc's instructions for each query are counted with
# callgrind over a CG_MB document (default 5): unlike seconds, that count
# repeats exactly from run to run.
#
#   bench/jsonpath.sh [MB]      (default 100; RUNS=5, CG_MB=5, PEERS=/tmp/sfn-peers)
#
# Needs: a built ./sfnc, python3, node and npm (peers are installed with
# ../shared/reference/peers/setup.sh when PEERS holds none), jq, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MB=${1:-100}
RUNS=${RUNS:-5}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"

need jq node /usr/bin/time python3 bc
if [ ! -d "$PEERS/tools/node_modules/jsonpath-rfc9535" ]; then
	SKIP_APT=1 bash "$SHARED/reference/peers/setup.sh" "$PEERS" >"$WORK/setup.log" 2>&1
fi
DOC=$WORK/big-$MB.json
[ -f "$DOC" ] || python3 "$SHARED/bench/gen_big_json.py" "$DOC" --mb "$MB" >/dev/null

# name | sfnc (and jsonpath-plus) | jsonpath-rfc9535 | jsonpath-plus when
# it spells the query differently, else empty | jq (last: it holds '|')
QUERIES=(
	'child member over an array|$.store.book[*].author|$.store.book[*].author||[.store.book[].author]'
	'wildcard|$.store.book[*].stock.*|$.store.book[*].stock.*||[.store.book[].stock[]]'
	'descendant ..|$..author|$..author||[.. | objects | select(has("author")) | .author]'
	'filter|$.store.book[?(@.price < 10)].title|$.store.book[?@.price < 10].title||[.store.book[] | select(.price < 10) | .title]'
	'union of indexes|$.store.book[0,1].title|$.store.book[0,1].title||[.store.book[0,1].title]'
	'negative index|$.store.book[-1].title|$.store.book[-1].title|$.store.book[-1:].title|[.store.book[-1].title]'
	'descendant .. then more|$..book[*].author|$..book[*].author||[.. | objects | select(has("book")) | .book[] | .author]'
	'two descendants ..|$..book..author|$..book..author||[.. | objects | select(has("book")) | .book | .. | objects | select(has("author")) | .author]'
	'union after ..|$..book[1,0].title|$..book[1,0].title||[.. | objects | select(has("book")) | .book | .[1,0] | .title]'
	'filter after ..|$..book[?(@.price < 10)].title|$..book[?@.price < 10].title||[.. | objects | select(has("book")) | .book[] | select(.price < 10) | .title]'
	'filter reading $ (rfc9535)|$..book[?@.price < $.expensive].title|$..book[?@.price < $.expensive].title|$..book[?(@.price < @root.expensive)].title|[.expensive as $e | .. | objects | select(has("book")) | .book[] | select(.price < $e) | .title]'
)
# A query named "... (rfc9535)" runs sfnc in that dialect (the aws one
# refuses it).

count_json() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

plus=$PEERS/tools/node_modules
js=$SHARED/reference/peers/jsonpath-bench.js
rows=""
load_seen=""
i=0
for q in "${QUERIES[@]}"; do
	IFS='|' read -r name path rfc plusq jqq <<<"$q"
	plusq=${plusq:-$path}
	opt=""
	case $name in *'(rfc9535)') opt=--rfc9535 ;; esac
	n_sfnc=$(./sfnc jsonpath $opt -c "$path" "$DOC" | count_json)
	n_jq=$(jq -c "$jqq" "$DOC" | count_json)
	out=$WORK/jsonpath-$((i += 1)).json
	pair "$out" "$RUNS" 1 "sfnc=./sfnc jsonpath $opt -c '$path' $DOC" \
		"jq=jq -c '$jqq' $DOC" \
		"jsonpath-plus=env NODE_PATH=$plus node $js jsonpath-plus '$plusq' $DOC" \
		"jsonpath-rfc9535=env NODE_PATH=$plus node $js jsonpath-rfc9535 '$rfc' $DOC"
	load_seen+="$(loads "$out"), "
	m_s=$(field "$out" sfnc peak_rss_kb)
	for tool in sfnc jq jsonpath-plus jsonpath-rfc9535; do
		w=$(field "$out" "$tool" median_s)
		m=$(field "$out" "$tool" peak_rss_kb)
		r=$(field "$out" "$tool" ratio_to_first)
		rows+=$(printf '| %s | %s | %.2f | %.0f | %.2fx | %.2fx |' "$name" "$tool" "$w" "$((m / 1024))" \
			"$r" "$(echo "$m / $m_s" | bc -l)")$'\n'
		echo "$name: $tool ${w}s ${m}KB, ${r}x sfnc's time ($n_sfnc results; jq $n_jq)" >&2
	done
done

# Instructions for each query, counted by callgrind over a smaller document.
instructions=""
if command -v valgrind >/dev/null; then
	CG_MB=${CG_MB:-5}
	cgdoc=$WORK/big-$CG_MB.json
	[ -f "$cgdoc" ] || python3 "$SHARED/bench/gen_big_json.py" "$cgdoc" --mb "$CG_MB" >/dev/null
	instructions=$'\n\n'"sfnc's instructions (callgrind) over \`gen_big_json.py --mb $CG_MB\` ($(stat -c %s "$cgdoc") bytes):"$'\n\n| query | instructions | per byte |\n|---|---|---|'
	for q in "${QUERIES[@]}"; do
		IFS='|' read -r name path _ <<<"$q"
		opt=""
		case $name in *'(rfc9535)') opt=--rfc9535 ;; esac
		valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-jsonpath.out" \
			./sfnc jsonpath $opt -c "$path" "$cgdoc" >/dev/null 2>>"$WORK/cg.log" || true
		ir=$(sed -n 's/^summary: //p' "$WORK/cg-jsonpath.out")
		instructions+=$'\n'"$(printf '| %s | %s | %.1f |' "$name" "$(printf "%'d" "$ir")" \
			"$(echo "$ir / $(stat -c %s "$cgdoc")" | bc -l)")"
	done
fi

table=$(printf '%s\n%s\n%s' \
	"Document: \`gen_big_json.py --mb $MB\` ($(stat -c %s "$DOC") bytes); the tools run alternately, $RUNS rounds; wall is the median, time vs sfnc the median of per-round ratios; $(nproc) cores; load average before/after each query: ${load_seen%, }; $(date -u +%Y-%m-%d)." \
	"" \
	"| query | tool | wall (s) | peak RSS (MB) | time vs sfnc | RSS vs sfnc |")
table+=$'\n|---|---|---|---|---|---|\n'"${rows%$'\n'}$instructions"
echo "$table"
splice jsonpath "$table"
