#!/usr/bin/env bash
# Lint's cost per JSONata expression: machines of 5,000 and 10,000
# "{% %}" expressions (two per Pass state, with JSON escapes), all valid
# and then each second one with a syntax error, counted in instructions
# with callgrind (exact from run to run, unlike seconds on a shared
# machine). Twice the expressions must cost twice the instructions. Into
# docs/benchmarks.md between the lint-jsonata markers and on stdout.
#
#   bench/lint-jsonata.sh   (WORK=/tmp/sfn-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
WORK=${WORK:-/tmp/sfn-bench}
mkdir -p "$WORK"
need valgrind python3

# gen N BAD OUT: N expressions; BAD=1 breaks each second one ("+ * 3").
gen() {
	python3 - "$@" <<'PY'
import json, sys
n, bad, out = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
states = {}
for i in range(n // 2):
    b = "+ * %d" % i if bad else "+ %d" % i
    s = {"Type": "Pass", "Output": {
        "a": "{%% $states.input.items[price > %d].($string(name) & \"\u00e9\") %%}" % i,
        "b": "{%% $sum($states.input.v) %s %%}" % b}}
    if i + 1 < n // 2:
        s["Next"] = "S%d" % (i + 1)
    else:
        s["End"] = True
    states["S%d" % i] = s
json.dump({"QueryLanguage": "JSONata", "StartAt": "S0", "States": states},
          open(out, "w"), indent=1)
PY
}

# count FILE: sfnc lint's instructions over FILE.
count() {
	valgrind --tool=callgrind --callgrind-out-file="$WORK/cg-jn.out" \
		./sfnc lint "$1" >/dev/null 2>"$WORK/cg-jn.log" || true
	sed -n 's/^summary: //p' "$WORK/cg-jn.out"
}

# commas N: 1234567 as 1,234,567.
commas() {
	python3 -c 'import sys; print("{:,}".format(int(sys.argv[1])))' "$1"
}

line=""
for bad in 0 1; do
	declare -A ir=()
	for n in 5000 10000; do
		gen "$n" "$bad" "$WORK/jsonata-$n-$bad.json"
		ir[$n]=$(count "$WORK/jsonata-$n-$bad.json")
	done
	what=$([ "$bad" = 1 ] && echo "Each second one a syntax error" || echo "All valid")
	line+=$(printf '%s: %s instructions at 5,000 expressions, %s at 10,000 (%.2fx). ' \
		"$what" "$(commas "${ir[5000]}")" "$(commas "${ir[10000]}")" \
		"$(echo "${ir[10000]} / ${ir[5000]}" | bc -l)")
done
text="sfnc lint over JSONata expressions (callgrind, $(date -u +%Y-%m-%d), under load: the count does not depend on it). ${line% }"
echo "$text"
splice lint-jsonata "$text"
