# Shared by the scripts in bench/ (sourced, from the top of the tree).

# pair OUT RUNS WARMUP NAME=CMD...: times the commands alternately
# (bench/pairs.py) into OUT, a JSON report.
pair() {
	local out=$1 runs=$2 warmup=$3
	shift 3
	python3 bench/pairs.py -n "$runs" -w "$warmup" "$@" >"$out"
}

# field OUT TOOL KEY: one figure of a pairs.py report (median_s,
# peak_rss_kb, ratio_to_first, min_s).
field() {
	python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
print(next(t for t in r["tools"] if t["name"] == sys.argv[2])[sys.argv[3]])' "$@"
}

# loads OUT: the one-minute load average before and after, "0.12/0.30".
loads() {
	python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
print("%.2f/%.2f" % (r["load_before"][0], r["load_after"][0]))' "$1"
}

# splice NAME TEXT: puts TEXT between the NAME markers of
# docs/benchmarks.md.
splice() {
	python3 - "$1" "$2" <<'PY'
import re, sys
name, body = sys.argv[1], sys.argv[2].rstrip()
path = "docs/benchmarks.md"
text = open(path).read()
begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
if begin not in text or end not in text:
    sys.exit("bench: docs/benchmarks.md has no %s markers" % name)
text = re.sub(re.escape(begin) + ".*" + re.escape(end),
              lambda m: begin + "\n" + body + "\n" + end, text, flags=re.S)
open(path, "w").write(text)
PY
}

# need TOOL...: exits 2 naming the first of the TOOLs missing, or when
# ./sfnc is not built.
need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
	done
	[ -x ./sfnc ] || { echo "bench: build sfnc first" >&2; exit 2; }
}
