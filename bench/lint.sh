#!/usr/bin/env bash
# Lint speed and memory: sfnc lint against asl-validator on generated
# state machines of 1k, 10k and 100k states (../shared/bench), in one run.
# The tools run alternately (bench/pairs.py): wall time medians, peak RSS,
# the median of per-round time ratios and the load average around each
# size, and the growth from 10k to 100k states, into
# docs/benchmarks.md between the lint markers and on stdout. It also counts
# sfnc's instructions at 10k with callgrind when valgrind is there: unlike
# seconds, that count repeats exactly from run to run; and, the same way,
# those of a machine with many findings on one long line at two sizes. The
# 10k and 100k machines are also linted as YAML CloudFormation templates
# (block mappings, bench/asl_to_yaml.py), taking turns with the JSON
# definitions they hold, for the cost per byte of each; YAML's growth must
# stay linear too.
#
#   bench/lint.sh   (RUNS=20, PEER_RUNS_100K=1, PEERS=/tmp/sfn-peers, WORK=/tmp/sfn-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-20}
PEER_RUNS_100K=${PEER_RUNS_100K:-1}
SHARED=${SFN_SHARED:-../shared}
PEERS=${PEERS:-/tmp/sfn-peers}
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"

need node /usr/bin/time python3 bc
if [ ! -x "$PEERS/tools/node_modules/.bin/asl-validator" ]; then
	SKIP_APT=1 bash "$SHARED/reference/peers/setup.sh" "$PEERS" >"$WORK/setup.log" 2>&1
fi
validator=$PEERS/tools/node_modules/.bin/asl-validator

declare -A files=([1k]=$WORK/asl-1k.json [10k]=$SHARED/bench/large-10k.asl.json [100k]=$WORK/asl-100k.json)
[ -f "$WORK/asl-1k.json" ] || python3 "$SHARED/bench/gen_large_asl.py" 1000 "$WORK/asl-1k.json" >/dev/null
[ -f "$WORK/asl-100k.json" ] || python3 "$SHARED/bench/gen_large_asl.py" 100000 "$WORK/asl-100k.json" >/dev/null

rows=""
load_seen=""
declare -A sfn_time
for size in 1k 10k 100k; do
	f=${files[$size]}
	bytes=$(stat -c %s "$f")
	runs=$RUNS warmup=1
	# asl-validator needs about two minutes at 100k states
	[ "$size" = 100k ] && runs=$PEER_RUNS_100K warmup=0
	# With no warm-up round, the file is read once beforehand instead: a
	# machine that reclaims cold page cache (DAMON) otherwise times the
	# disk for whichever tool runs first.
	[ "$warmup" = 0 ] && cat "$f" >/dev/null
	pair "$WORK/lint-$size.json" "$runs" "$warmup" \
		"sfnc=./sfnc lint $f" "asl-validator=$validator --silent --json-path $f"
	ts=$(field "$WORK/lint-$size.json" sfnc median_s)
	ms=$(field "$WORK/lint-$size.json" sfnc peak_rss_kb)
	tv=$(field "$WORK/lint-$size.json" asl-validator median_s)
	mv=$(field "$WORK/lint-$size.json" asl-validator peak_rss_kb)
	ratio=$(field "$WORK/lint-$size.json" asl-validator ratio_to_first)
	load_seen+="$size $(loads "$WORK/lint-$size.json"), "
	sfn_time[$size]=$ts
	rows+=$(printf '| %s | %.1f MB | %d | %.3f s | %.0f MB | %.1fx | %.3f s | %.0f MB | %.1fx |' \
		"$size" "$(echo "$bytes / 1048576" | bc -l)" "$runs" "$ts" "$((ms / 1024))" \
		"$(echo "$ms * 1024 / $bytes" | bc -l)" "$tv" "$((mv / 1024))" "$ratio")$'\n'
	echo "$size: sfnc ${ts}s ${ms}KB, asl-validator ${tv}s ${mv}KB, ratio ${ratio}" >&2
done
growth=$(echo "${sfn_time[100k]} / ${sfn_time[10k]}" | bc -l)
# YAML against JSON per byte: the template and the definition it holds
# take turns in one run, and the per-round time ratio is scaled by their
# sizes (below 1: YAML costs less a byte).
declare -A yaml_time json_time per_byte
for size in 10k 100k; do
	y=$WORK/template-$size.yaml
	[ -f "$y" ] || python3 bench/asl_to_yaml.py "${files[$size]}" "$y"
	pair "$WORK/yaml-$size.json" "$RUNS" 1 "json=./sfnc lint ${files[$size]}" "yaml=./sfnc lint $y"
	yaml_time[$size]=$(field "$WORK/yaml-$size.json" yaml median_s)
	json_time[$size]=$(field "$WORK/yaml-$size.json" json median_s)
	per_byte[$size]=$(echo "$(field "$WORK/yaml-$size.json" yaml ratio_to_first) * $(stat -c %s "${files[$size]}") / $(stat -c %s "$y")" | bc -l)
	load_seen+="yaml $size $(loads "$WORK/yaml-$size.json"), "
	echo "$size as YAML: sfnc ${yaml_time[$size]}s, as JSON ${json_time[$size]}s" >&2
done
# ns_per_byte SECONDS FILE
ns_per_byte() {
	echo "$1 * 1000000000 / $(stat -c %s "$2")" | bc -l
}
yaml_line=$(printf 'As a YAML template, taking turns with the JSON definition: at 10k states %.3f s (%.1f MB, %.1f ns a byte) against %.3f s as JSON (%.1f ns a byte), YAML over JSON per byte %.2f (median of per-round ratios); at 100k %.3f s (%.1f ns a byte) against %.3f s (%.1f ns a byte), %.2f. YAML grows %.1fx from 10k to 100k.' \
	"${yaml_time[10k]}" "$(echo "$(stat -c %s "$WORK/template-10k.yaml") / 1048576" | bc -l)" \
	"$(ns_per_byte "${yaml_time[10k]}" "$WORK/template-10k.yaml")" \
	"${json_time[10k]}" "$(ns_per_byte "${json_time[10k]}" "${files[10k]}")" "${per_byte[10k]}" \
	"${yaml_time[100k]}" "$(ns_per_byte "${yaml_time[100k]}" "$WORK/template-100k.yaml")" \
	"${json_time[100k]}" "$(ns_per_byte "${json_time[100k]}" "${files[100k]}")" "${per_byte[100k]}" \
	"$(echo "${yaml_time[100k]} / ${yaml_time[10k]}" | bc -l)")
instructions=""
if command -v valgrind >/dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" ./sfnc lint "${files[10k]}" >/dev/null 2>"$WORK/cg.log" || true
	ir=$(sed -n 's/^summary: //p' "$WORK/cg.out")
	[ -n "$ir" ] && instructions=" sfnc lint executes $(printf "%'d" "$ir") instructions at 10k states (callgrind)."
fi
# Many findings on one long line: N states on a single line, each with a
# missing Next target, rendered as text. Instructions must grow with N, not
# N squared (the column of each finding is not recounted from the line
# start).
longline=""
if command -v valgrind >/dev/null; then
	for n in 2000 8000; do
		python3 - "$n" "$WORK/line-$n.json" <<'PY'
import sys
n = int(sys.argv[1])
states = ",".join('"S%d":{"Type":"Pass","Next":"X%d"}' % (i, i) for i in range(n))
open(sys.argv[2], "w").write('{"StartAt":"S0","States":{%s}}\n' % states)
PY
		valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-line.out" ./sfnc lint "$WORK/line-$n.json" >/dev/null 2>>"$WORK/cg.log" || true
		ir=$(sed -n 's/^summary: //p' "$WORK/cg-line.out")
		longline+="$(printf "%'d" "$ir") instructions at $n, "
	done
	longline=" Many findings on one line, rendered as text: ${longline%, } findings (callgrind)."
fi

table=$(printf '%s\n\n%s\n%s\n%s\n\n%s' \
	"States generated by \`gen_large_asl.py\` (10k: \`large-10k.asl.json\`); both tools run alternately, medians of the rounds shown; the last column is the median of per-round ratios; $(nproc) cores; load average before/after: ${load_seen%, }; $(date -u +%Y-%m-%d)." \
	"| states | file | rounds | sfnc lint | sfnc RSS | RSS / file | asl-validator | its RSS | asl-validator / sfnc |" \
	"|---|---|---|---|---|---|---|---|---|" \
	"${rows%$'\n'}" \
	"sfnc's time at 100k states is $(printf '%.1f' "$growth")x its time at 10k.$instructions$longline $yaml_line")
echo "$table"
splice lint "$table"
