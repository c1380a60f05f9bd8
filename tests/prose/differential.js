// The prose Touchpoint reads in Markdown, compared word for word with what commonmark.js
// (the CommonMark reference implementation in JavaScript) reads in the same files.
//
//   node differential.js spec DIR             writes every CommonMark spec example to DIR/NNN.md
//   node differential.js compare ROOT LIST DUMP KNOWN
//       LIST: the files (one a line); DUMP: prose_dump's output for them; KNOWN: the
//       Markdown file holding the known-differences table. Exits 1 on a difference not in
//       the table, or on an entry of the table that no longer occurs.
'use strict';
const fs = require('fs');
const path = require('path');
const commonmark = require('commonmark');
const entities = require('entities');
const { diffArrays } = require('diff');

// Words as the test compares them: runs of letters and digits, so punctuation, white
// space and markup never count.
const words = (text) => text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) || [];

// Template tags ({% %}, {{ }}) and Liquid comments are not prose, as in Jekyll.
const withoutTemplateTags = (text) =>
  text.replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, ' ');

// YAML front matter: the scalar values of the prose keys are read, nothing else.
const proseKeys = ['title', 'description', 'summary', 'subtitle', 'excerpt'];
function splitFrontMatter(source) {
  const m = /^---\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(source);
  if (!m || m.index !== 0) return { prose: '', body: source };
  const prose = [];
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/.exec(line);
    if (!kv || !proseKeys.includes(kv[1])) continue;
    let value = kv[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    prose.push(value);
  }
  return { prose: prose.join('\n\n'), body: '\n'.repeat(m[0].split('\n').length - 1) + source.slice(m[0].length) };
}

// HTML as a browser shows it: text, and alt, title and aria-label values; not comments,
// nor the content of code, pre, script, style and the like.
// Inline elements (<b>, <sub>, <a>) run on with the text around them, as in a browser;
// the others start a line.
const hidden = 'script|style|code|pre|noscript|template|textarea|svg|math';
const inline = /^(a|abbr|b|bdi|bdo|cite|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|font|strike|tt|big|del|ins)$/i;
const tagName = (tag) => (/^<\/?([A-Za-z][\w-]*)/.exec(tag) || [])[1] || '';
const proseAttributes = (tag) =>
  [...tag.matchAll(/\s(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((a) => entities.decodeHTML(a[1] ?? a[2]));
function visibleHtml(html) {
  return entities.decodeHTML(
    html
      .replace(/<!--[\s\S]*?(-->|$)|<\?[\s\S]*?(>|$)|<![A-Za-z][^>]*(>|$)|<!\[CDATA\[[\s\S]*?(\]\]>|$)/g, ' ')
      .replace(new RegExp(`<(${hidden})\\b[^>]*>[\\s\\S]*?(</\\1\\s*>|$)`, 'gi'), ' ')
      .replace(/<[A-Za-z][^>]*>|<\/[A-Za-z][^>]*>/g, (tag) => {
        const attributes = [...tag.matchAll(/\s(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)];
        const around = inline.test(tagName(tag)) ? '' : ' ';
        return attributes.length ? ' ' + attributes.map((a) => a[1] ?? a[2]).join(' ') + ' ' : around;
      }));
}

const blockTypes = new Set(['paragraph', 'heading', 'item', 'block_quote', 'list', 'document', 'thematic_break']);

function commonmarkProse(source) {
  const { prose, body } = splitFrontMatter(source);
  const out = [prose, ' '];
  const walker = new commonmark.Parser().parse(body).walker();
  let hiddenTag = null;  // inside inline <code> ... </code>
  for (let event; (event = walker.next());) {
    const node = event.node;
    if (node.type === 'html_inline') {
      const tag = /^<(\/?)([A-Za-z][\w-]*)/.exec(node.literal);
      if (tag && !tag[1] && new RegExp(`^(${hidden})$`, 'i').test(tag[2]) && !hiddenTag) hiddenTag = tag[2].toLowerCase();
      else if (tag && tag[1] && hiddenTag === tag[2].toLowerCase()) hiddenTag = null;
      if (!inline.test(tagName(node.literal))) out.push(' ');
      if (!hiddenTag && !tag?.[1]) out.push(...proseAttributes(node.literal).map((a) => ` ${a} `));
      continue;
    }
    if (!event.entering && blockTypes.has(node.type)) hiddenTag = null;
    if (hiddenTag) continue;
    if (node.type === 'text' && event.entering) out.push(node.literal);
    else if (node.type === 'html_block') out.push(' ', visibleHtml(node.literal), ' ');
    else if (['softbreak', 'linebreak', 'code'].includes(node.type)) out.push(' ');
    else if (!event.entering && blockTypes.has(node.type)) out.push(' ');
  }
  return withoutTemplateTags(out.join(''));
}

// The known-differences table: rows "| INPUT | `only Touchpoint` | `only commonmark.js` | why |".
function knownDifferences(file) {
  const known = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^(spec example \d+|corpus \S+)$/.test(cells[1])) continue;
    const unquote = (c) => c.replace(/^`|`$/g, '');
    known.set(key(cells[1], unquote(cells[2]), unquote(cells[3])), line);
  }
  return known;
}

const key = (input, ours, theirs) => `${input} | ${ours} | ${theirs}`;

function differences(input, ours, theirs) {
  const found = [];
  const parts = diffArrays(ours, theirs);
  for (let i = 0; i < parts.length; ++i) {
    if (!parts[i].added && !parts[i].removed) continue;
    const removed = parts[i].removed ? parts[i].value.join(' ') : '';
    let added = parts[i].added ? parts[i].value.join(' ') : '';
    if (parts[i].removed && parts[i + 1] && parts[i + 1].added) added = parts[++i].value.join(' ');
    found.push(key(input, removed, added));
  }
  return found;
}

function readDump(file) {
  const prose = new Map();
  for (const entry of fs.readFileSync(file, 'utf8').split('\f').slice(1)) {
    const newline = entry.indexOf('\n');
    prose.set(entry.slice(0, newline), entry.slice(newline + 1));
  }
  return prose;
}

function inputName(root, file) {
  const relative = path.relative(root, file);
  const example = /^spec-(\d+)\.md$/.exec(path.basename(file));
  return example ? `spec example ${Number(example[1])}` : `corpus ${relative}`;
}

function compare(root, listFile, dumpFile, knownFile) {
  const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const dump = readDump(dumpFile);
  const known = knownDifferences(knownFile);
  const seen = new Set();
  const unexpected = [];
  let wordCount = 0;
  for (const file of files) {
    const ours = words(dump.get(file) ?? '');
    const theirs = words(commonmarkProse(fs.readFileSync(file, 'utf8')));
    wordCount += theirs.length;
    for (const difference of differences(inputName(root, file), ours, theirs)) {
      if (known.has(difference)) seen.add(difference);
      else unexpected.push(difference);
    }
  }
  const stale = [...known.keys()].filter((k) => !seen.has(k) && files.some((f) => k.startsWith(inputName(root, f) + ' |')));
  console.log(`${files.length} inputs, ${wordCount} words; ${seen.size} known differences`);
  for (const d of unexpected) console.log(`new difference: | ${d} | why? |`);
  for (const d of stale) console.log(`listed but gone: ${known.get(d)}`);
  process.exit(unexpected.length || stale.length ? 1 : 0);
}

function writeSpec(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const example of require('commonmark-spec').tests) {
    // The specification shows tabs as arrows.
    const name = `spec-${String(example.number).padStart(3, '0')}.md`;
    fs.writeFileSync(path.join(dir, name), example.markdown.replace(/→/g, '\t'));
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'spec') writeSpec(args[0]);
else if (mode === 'compare') compare(...args);
else {
  console.error('usage: differential.js spec DIR | compare ROOT LIST DUMP KNOWN');
  process.exit(2);
}
