'use strict';
// Every construct of the draft format, on small fixture drafts.
const { test, before } = require('node:test');
const { loadGrammar } = require('../lib/tokenize');
const { checks } = require('../checks/fixtures');

let grammar;
before(async () => {
  grammar = await loadGrammar();
});

for (const c of checks) {
  test(c.name, () => c.fn(grammar));
}
