'use strict';
// Writes grammar/treaty.tmLanguage.json from src/grammar.js.
// `node generate.js --check` exits 1 when the committed JSON is stale.
const fs = require('node:fs');
const path = require('node:path');

const OUT = path.join(__dirname, '..', 'treaty.tmLanguage.json');

function render() {
  delete require.cache[require.resolve('./src/grammar.js')];
  return JSON.stringify(require('./src/grammar.js'), null, 2) + '\n';
}

if (require.main === module) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${OUT} is stale: run node grammar/test/generate.js`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${OUT} (${text.length} bytes)`);
  }
}

module.exports = { render, OUT };
