// How long after a keystroke touchpoint lsp's diagnostics come, for a 1,000-word Markdown
// page of the sample repository (every plugin, every pack, the corpus-wide rules):
// keystrokes typed at a person's pace, the time from each didChange to the
// publishDiagnostics of its version. Usage: node lsp_latency.js TOUCHPOINT PROJECT DEBOUNCE_MS
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const rpc = require('vscode-languageserver-protocol/node');
const P = require('vscode-languageserver-protocol');

const [touchpoint, project, debounce] = process.argv.slice(2);
const keystrokes = 200, pauseMs = 120;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// 1,000 words of the samples' own prose, as paragraphs.
function page() {
  let words = [];
  for (const file of ['web/about-us.md', 'web/billing-policy.md', 'campaigns/press-release.md', 'campaigns/telehealth-launch.md', 'campaigns/spring-checkup.md']) {
    const full = path.join(project, file);
    if (fs.existsSync(full)) words = words.concat(fs.readFileSync(full, 'utf8').replace(/^---[\s\S]*?---/, '').split(/\s+/).filter((w) => /^[A-Za-z,.']+$/.test(w)));
  }
  const out = [];
  for (let i = 0; out.length < 1000; i++) out.push(words[i % words.length]);
  const paragraphs = [];
  for (let i = 0; i < out.length; i += 80) paragraphs.push(out.slice(i, i + 80).join(' '));
  return '# A long page\n\n' + paragraphs.join('\n\n') + '\n';
}

(async () => {
  const child = spawn(touchpoint, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const arrived = new Map();  // version -> time
  let waiting = null;
  connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    arrived.set(p.version, process.hrtime.bigint());
    if (waiting && waiting.version === p.version) waiting.resolve();
  });
  connection.onNotification(P.ShowMessageNotification.type, (m) => console.error('server:', m.message));
  connection.listen();
  const uri = 'file://' + path.join(project, 'web', 'long-page.md');
  await connection.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: 'file://' + project, initializationOptions: { debounce: Number(debounce) },
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
  connection.sendNotification(P.InitializedNotification.type, {});
  let text = page();
  const until = (version) => arrived.has(version) ? Promise.resolve() : new Promise((resolve) => { waiting = { version, resolve }; });
  connection.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await until(1);
  await sleep(3000);  // the workspace observes the new buffer; its checks settle
  const lines = text.split('\n');
  const times = [];
  for (let k = 0; k < keystrokes; k++) {
    const version = k + 2;
    const line = 2 + 2 * (k % Math.floor((lines.length - 2) / 2));
    const character = (k * 7) % Math.max(1, lines[line].length);
    const sent = process.hrtime.bigint();
    connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'e' }] });
    lines[line] = lines[line].slice(0, character) + 'e' + lines[line].slice(character);
    await until(version);
    times.push(Number(arrived.get(version) - sent) / 1e6);
    await sleep(pauseMs);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`debounce ${debounce} ms, ${text.split(/\s+/).length} words, ${keystrokes} keystrokes ${pauseMs} ms apart: ` +
              `keystroke to diagnostics median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  await connection.sendRequest(P.ShutdownRequest.type);
  connection.sendNotification(P.ExitNotification.type);
})().catch((e) => { console.error(e); process.exit(1); });
