#!/usr/bin/env node
// Runs first in every npm script that needs Node 22: tsx, electron-vite and undici crash on older Node
// with stack traces that do not say why. Plain CommonJS and old syntax, so any Node that can start
// npm can parse it. `node scripts/check-node.cjs [version]` checks that version instead (tests).
'use strict';
var path = require('path');
var fs = require('fs');

var range = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).engines.node;
var required = /(\d+)\.(\d+)/.exec(range);
var wanted = [Number(required[1]), Number(required[2])];
var actual = process.argv[2] || process.version;
var parts = /(\d+)\.(\d+)/.exec(actual) || ['', '0', '0'];
var have = [Number(parts[1]), Number(parts[2])];
var ok = have[0] > wanted[0] || (have[0] === wanted[0] && have[1] >= wanted[1]);

if (!ok) {
  console.error(
    'Agent Connections needs Node ' +
      wanted.join('.') +
      ' or newer; you have ' +
      actual +
      '. ' +
      'Run `source scripts/with-node22.sh` first (it fetches Node 22 from the npm registry), use ./scripts/try.sh, or install Node 22.',
  );
  process.exit(1);
}
