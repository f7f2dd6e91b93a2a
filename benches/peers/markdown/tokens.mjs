// The markdown-it tokens of the text on stdin, as JSON on stdout: what VS
// Code's client answers to the Markdown server's `markdown/parse` request
// (it parses with markdown-it and sends the tokens).
import MarkdownIt from "markdown-it";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");
const md = new MarkdownIt({ html: true, linkify: true });
process.stdout.write(JSON.stringify(md.parse(text, {})));
