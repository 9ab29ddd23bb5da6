// The reference's side of bench/jsonata.sh: evaluates a JSONata expression
// with the jsonata npm package (run by node) as bench/jsonata-bench.c does
// with sfnc's engine: the document is read and parsed once, the
// expression compiled once and evaluated N times, and the last result is
// printed as compact JSON (nothing when it is undefined).
//
// Usage: NODE_PATH=<peers>/tools/node_modules node jsonata-bench.js [-n N] EXPR FILE
'use strict';
const fs = require('fs');
const jsonata = require('jsonata');

async function main(argv) {
  let n = 1;
  if (argv[0] === '-n') {
    n = Number(argv[1]);
    argv = argv.slice(2);
  }
  if (argv.length !== 2 || !(n >= 1)) {
    process.stderr.write('usage: jsonata-bench.js [-n N] EXPR FILE\n');
    process.exit(2);
  }
  const input = JSON.parse(fs.readFileSync(argv[1], 'utf8'));
  const expr = jsonata(argv[0]);
  let result;
  for (let i = 0; i < n; i++)
    result = await expr.evaluate(input);
  if (result !== undefined)
    process.stdout.write(JSON.stringify(result) + '\n');
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write('jsonata-bench.js: ' + (e.code || '') + ' ' + e.message + '\n');
  process.exit(1);
});
