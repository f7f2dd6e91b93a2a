'use strict';
// The worked example's drafts, token by token on known lines.
const { test, before } = require('node:test');
const { loadGrammar } = require('../lib/tokenize');
const { checks } = require('../checks/examples');

let grammar;
before(async () => {
  grammar = await loadGrammar();
});

for (const c of checks) {
  test(c.name, () => c.fn(grammar));
}
