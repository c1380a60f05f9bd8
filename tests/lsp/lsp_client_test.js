// touchpoint lsp driven by Microsoft's LSP client library (vscode-languageserver-protocol,
// the one VS Code's client is built on) over the whole protocol surface docs/editors.md
// promises. Usage: node lsp_client_test.js TOUCHPOINT SCRATCH_DIR FAULTY_PLUGIN_DIR
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const rpc = require('vscode-languageserver-protocol/node');
const P = require('vscode-languageserver-protocol');

const [touchpoint, scratch, faultyPlugins] = process.argv.slice(2);
let failures = 0;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}${ok || detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  if (!ok) failures++;
}
const uri = (file) => 'file://' + file.split('/').map(encodeURIComponent).join('/');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A content repository: a brand with a preferred term, an avoided word with a reason, a
// name, an accepted word, and a few pages for the corpus-wide consistency rule.
function makeProject(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'web'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'brand.xml'), `<brand name="Riverbend Health" locale="en-US">
  <promise>Compassionate care that treats you like family.</promise>
  <pillar id="care" label="Compassionate care"><term>care</term></pillar>
  <name canonical="Riverbend Health"><variant>RBH</variant></name>
  <prefer term="patient" instead-of="customer|client"/>
  <avoid term="cheap" suggest="affordable" reason="Cheap sounds like low quality."/>
</brand>
`);
  fs.writeFileSync(path.join(dir, 'touchpoint.xml'), `<touchpoint>
  <brand file="brand.xml"/>
  <channel id="signage" include="signage/**"/>
  <channel id="marketing" include="**"/>
  <pack id="plain-language"/>
</touchpoint>
`);
  fs.writeFileSync(path.join(dir, 'web', 'a.md'), 'Send us an email today.\n');
  fs.writeFileSync(path.join(dir, 'web', 'b.md'), 'Write an email to our team, or email the front desk.\n');
}

class Client {
  constructor(name, initOptions, env) {
    this.name = name;
    this.child = spawn(touchpoint, ['lsp'], { env: { ...process.env, ...(env || {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.child.stdout),
                                                   new rpc.StreamMessageWriter(this.child.stdin));
    this.diagnostics = new Map();  // uri -> { version, diagnostics }
    this.messages = [];
    this.waiters = [];
    this.refreshes = 0;
    this.connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.wake();
    });
    this.connection.onNotification(P.ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.wake();
    });
    this.connection.onRequest(P.RegistrationRequest.type, () => null);
    this.connection.onRequest(P.DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    this.connection.listen();
    this.initOptions = initOptions;
  }
  // A request that must be answered within 15 s.
  request(type, params) {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name}: no answer to ${type.method}; the server said: ${this.stderr.slice(-2000)}`)), 15000);
    });
    return Promise.race([this.connection.sendRequest(type, params), late]).finally(() => clearTimeout(timer));
  }
  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
  async until(predicate, what, ms = 15000) {
    const end = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`${this.name}: timed out waiting for ${what}; the server said: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => { this.waiters.push(r); setTimeout(r, 50); });
    }
  }
  async initialize(root, capabilities) {
    capabilities = capabilities || {};
    capabilities.textDocument = capabilities.textDocument || {};
    capabilities.textDocument.publishDiagnostics = { versionSupport: true };
    return this.request(P.InitializeRequest.type, {
      processId: process.pid, rootUri: uri(root), workspaceFolders: [{ uri: uri(root), name: 'content' }],
      capabilities, initializationOptions: this.initOptions,
    }).then((result) => {
      this.connection.sendNotification(P.InitializedNotification.type, {});
      return result;
    });
  }
  open(file, text, version = 1) {
    this.connection.sendNotification(P.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: 'markdown', version, text } });
  }
  change(file, version, changes) {
    this.connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version }, contentChanges: changes });
  }
  async diagnosticsOf(file, version, what) {
    await this.until(() => { const d = this.diagnostics.get(uri(file)); return d && (version === undefined || d.version === version); },
                     what || `diagnostics of ${path.basename(file)} v${version}`);
    return this.diagnostics.get(uri(file)).diagnostics;
  }
  async stop() {
    await this.request(P.ShutdownRequest.type);
    this.connection.sendNotification(P.ExitNotification.type);
    return new Promise((r) => this.child.on('exit', (code) => r(code)));
  }
}

// Applies LSP text edits (ranges in the agreed encoding: here UTF-16) to a text.
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const codes = (list) => list.map((d) => d.code).sort();

async function positions(project) {
  // é is one UTF-16 unit and two bytes; 😀 is two UTF-16 units, four bytes, one code point.
  const file = path.join(project, 'web', 'positions.md');
  const text = 'Café 😀 customers welcome.\n';
  const expected = { 'utf-16': 8, 'utf-8': 11, 'utf-32': 7 };
  for (const [offered, encoding] of [[undefined, 'utf-16'], [['utf-8', 'utf-16'], 'utf-8'], [['utf-32', 'utf-16'], 'utf-32']]) {
    const client = new Client(`positions-${encoding}`);
    const init = await client.initialize(project, offered ? { general: { positionEncodings: offered } } : {});
    check(init.capabilities.positionEncoding === encoding, `offered ${offered || 'nothing'}: positions in ${encoding}`,
          init.capabilities.positionEncoding);
    client.open(file, text);
    const found = (await client.diagnosticsOf(file)).find((d) => d.code === 'terminology.prefer');
    check(found && found.range.start.character === expected[encoding] &&
          found.range.end.character === expected[encoding] + 'customers'.length,
          `'customers' after é and 😀 starts at ${expected[encoding]} in ${encoding}`, found && found.range);
    if (encoding === 'utf-8') {  // an incremental edit in bytes: insert after "Café " (6 bytes)
      client.change(file, 2, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: 'cheap ' }]);
      const after = await client.diagnosticsOf(file, 2);
      const cheap = after.find((d) => d.code === 'terminology.avoid');
      check(cheap && cheap.range.start.character === 6, 'an incremental change in UTF-8 bytes lands after é', cheap && cheap.range);
    }
    check(await client.stop() === 0, `${encoding}: shutdown then exit ends with 0`);
  }
}

async function pushSession(project) {
  const client = new Client('push', { debounce: 10 });
  const init = await client.initialize(project, { textDocument: { publishDiagnostics: { versionSupport: true } } });
  const caps = init.capabilities;
  check(caps.textDocumentSync.change === P.TextDocumentSyncKind.Incremental && caps.textDocumentSync.openClose,
        'incremental sync declared', caps.textDocumentSync);
  check(caps.hoverProvider && caps.codeActionProvider && !caps.diagnosticProvider,
        'hover and code actions declared; no pull diagnostics for a client without them', caps);
  const file = path.join(project, 'web', 'visit.md');
  let text = '# Visit us\n\nOur customers love the cheap parking at RBH.\n\nSend an e-mail to book.\n';
  client.open(file, text);
  // The first check may come before the workspace has observed this new buffer: the
  // corpus-wide finding comes with the check after that.
  await client.until(() => { const d = client.diagnostics.get(uri(file)); return d && d.diagnostics.some((x) => x.code === 'consistency.variants'); },
                     'the corpus-wide finding');
  let diagnostics = await client.diagnosticsOf(file, 1);
  check(JSON.stringify(codes(diagnostics)) === JSON.stringify(['consistency.variants', 'terminology.avoid', 'terminology.name', 'terminology.prefer']),
        'diagnostics of every rule, the corpus-wide one included', codes(diagnostics));
  const prefer = diagnostics.find((d) => d.code === 'terminology.prefer');
  check(prefer.source === 'touchpoint' && prefer.severity === P.DiagnosticSeverity.Warning &&
        prefer.range.start.line === 2 && prefer.range.start.character === 4 &&
        /^file:\/\/.*terminology\.md$/.test(prefer.codeDescription.href) && fs.existsSync(new URL(prefer.codeDescription.href).pathname),
        'a diagnostic: source, severity, range, the rule as code, a link to its documentation', prefer);
  const avoid = diagnostics.find((d) => d.code === 'terminology.avoid');
  check(avoid.message.includes('Cheap sounds like low quality.') && avoid.message.includes("'affordable'"),
        'the message gives the reason and the suggestion', avoid.message);
  const variant = diagnostics.find((d) => d.code === 'consistency.variants');
  check(variant.message.includes("'email'") && variant.message.includes("'e-mail'"),
        "the corpus-wide rule counts the workspace's files (email in a.md and b.md)", variant.message);

  // Hover: the rule, its reason, the promise and the pillar coverage.
  const hover = await client.request(P.HoverRequest.type, { textDocument: { uri: uri(file) }, position: avoid.range.start });
  const shown = hover && hover.contents.value;
  check(shown && shown.includes('terminology.avoid') && shown.includes('Cheap sounds like low quality.') &&
        shown.includes('Compassionate care that treats you like family.') && shown.includes('Pillars'),
        'hover on a finding: rule, reason, promise, pillar coverage', shown);
  const nothing = await client.request(P.HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line: 0, character: 2 } });
  check(nothing === null, 'no hover where no finding is', nothing);

  // Code actions: the quick fix, applied as an editor does, removes the finding.
  let actions = await client.request(P.CodeActionRequest.type, {
    textDocument: { uri: uri(file) }, range: prefer.range, context: { diagnostics: [prefer] } });
  const quick = actions.find((a) => a.kind === 'quickfix' && a.title.includes("'patients'"));
  check(quick && quick.isPreferred && quick.edit.changes[uri(file)].length === 1, 'a quick fix per suggestion', actions);
  check(!actions.some((a) => a.command && a.command.command === 'touchpoint.acceptWord'),
        'no accept-list action while the settings do not allow writing brand.xml', actions.map((a) => a.title));
  text = applyEdits(text, quick.edit.changes[uri(file)]);
  check(text.includes('Our patients love'), 'the quick fix writes the suggestion in the text', text);
  client.change(file, 2, [{ text }]);  // a full-text change
  diagnostics = await client.diagnosticsOf(file, 2);
  check(!diagnostics.some((d) => d.code === 'terminology.prefer'), 'after the quick fix, its finding is gone', codes(diagnostics));

  // Apply all fixes in this file.
  actions = await client.request(P.CodeActionRequest.type, {
    textDocument: { uri: uri(file) }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] } });
  check(actions.length === 1 && actions[0].kind === 'source.fixAll.touchpoint', "'only: source.fixAll' gives the fix-all action", actions);
  text = applyEdits(text, actions[0].edit.changes[uri(file)]);
  check(text.includes('affordable parking at Riverbend Health') && text.includes('Send an email'), 'fix all applies every fix', text);
  client.change(file, 3, [{ text }]);
  diagnostics = await client.diagnosticsOf(file, 3);
  check(diagnostics.length === 0, 'after fix all, no finding is left', diagnostics);

  // Incremental changes: an insertion and a deletion, in UTF-16 units.
  client.change(file, 4, [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, text: 'clients and ' }]);
  diagnostics = await client.diagnosticsOf(file, 4);
  const client4 = diagnostics.find((d) => d.code === 'terminology.prefer');
  check(client4 && client4.range.start.line === 2 && client4.range.start.character === 4, 'an inserted word is found where it was typed', diagnostics);
  client.change(file, 5, [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 16 } }, text: '' }]);
  check((await client.diagnosticsOf(file, 5)).length === 0, 'a deletion takes its finding away');

  // Configuration: minimum severity and the channel, as the editor's settings change.
  client.change(file, 6, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Our customers. ' }]);
  check((await client.diagnosticsOf(file, 6)).length === 1, 'a warning before the settings change');
  client.connection.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { touchpoint: { minSeverity: 'error', debounce: -1 } } });
  await client.until(() => { const d = client.diagnostics.get(uri(file)); return d && d.diagnostics.length === 0; }, 'minSeverity error');
  check(client.messages.some((m) => m.message.includes("'debounce' must be between 0 and 10000")),
        "workspace/didChangeConfiguration minSeverity 'error' hides the warning; a bad debounce beside it is named", client.messages);
  client.connection.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { touchpoint: { minSeverity: 'suggestion', channel: 'nowhere' } } });
  await client.until(() => client.messages.some((m) => m.message.includes("unknown channel 'nowhere'")), 'unknown channel message');
  check(true, 'an unknown channel in the settings is shown as an error');
  client.connection.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { touchpoint: { channel: null } } });

  // The workspace: a page changed on disk changes the corpus-wide majority.
  const page = path.join(project, 'web', 'page.md');
  const pageText = 'Send an e-mail to book.\n';
  client.open(page, pageText);
  await client.until(() => { const d = client.diagnostics.get(uri(page)); return d && d.diagnostics.length > 0; }, 'the new page observed');
  diagnostics = await client.diagnosticsOf(page, 1);
  check(diagnostics.some((d) => d.code === 'consistency.variants'), "e-mail is the minority while a.md and b.md say email", diagnostics);
  fs.writeFileSync(path.join(project, 'web', 'a.md'), 'Send us an e-mail today, or an e-mail tomorrow.\n');
  fs.writeFileSync(path.join(project, 'web', 'b.md'), 'Write an e-mail to our team.\n');
  client.connection.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [
    { uri: uri(path.join(project, 'web', 'a.md')), type: P.FileChangeType.Changed },
    { uri: uri(path.join(project, 'web', 'b.md')), type: P.FileChangeType.Changed }] });
  await client.until(() => { const d = client.diagnostics.get(uri(page)); return d && !d.diagnostics.some((x) => x.code === 'consistency.variants'); },
                     'the new majority');
  check(true, 'after the files change on disk, e-mail is the majority and the finding is gone');

  // brand.xml changed on disk: reloaded, open documents checked again.
  const brand = path.join(project, 'brand.xml');
  fs.writeFileSync(brand, fs.readFileSync(brand, 'utf8').replace('</brand>', '  <avoid term="book" suggest="schedule"/>\n</brand>'));
  client.connection.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(brand), type: P.FileChangeType.Changed }] });
  await client.until(() => { const d = client.diagnostics.get(uri(page)); return d && d.diagnostics.some((x) => x.code === 'terminology.avoid'); },
                     'the reloaded brand');
  check(true, 'a change to brand.xml reloads it and checks the open documents again');

  // A broken brand file: the error is shown, with its place; checks go on with the brand as it was.
  const good = fs.readFileSync(brand, 'utf8');
  fs.writeFileSync(brand, good.replace('</brand>', '<avoid/>\n</brand>'));
  client.connection.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(brand), type: P.FileChangeType.Changed }] });
  await client.until(() => client.messages.some((m) => m.type === P.MessageType.Error && m.message.includes('brand.xml:')), 'the brand error');
  check(true, 'a broken brand.xml is shown as an error naming the file and place');
  fs.writeFileSync(brand, good);
  client.connection.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(brand), type: P.FileChangeType.Changed }] });

  // didClose clears the document's diagnostics.
  client.connection.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(page) } });
  await client.until(() => client.diagnostics.get(uri(page)).diagnostics.length === 0, 'cleared diagnostics');
  check(true, 'didClose clears the diagnostics');
  check(await client.stop() === 0, 'push session: shutdown then exit ends with 0');
}

async function pullSession(project) {
  const client = new Client('pull', { allowBrandEdits: true, debounce: 10 });
  const init = await client.initialize(project, {
    textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
  check(init.capabilities.diagnosticProvider && init.capabilities.diagnosticProvider.interFileDependencies,
        'pull diagnostics declared for a client that supports them', init.capabilities.diagnosticProvider);
  const file = path.join(project, 'web', 'pull.md');
  const text = 'Our customers like the telewellness programme. We screen for hypertension.\n';
  client.open(file, text);
  const first = await client.request(P.DocumentDiagnosticRequest.type, { textDocument: { uri: uri(file) } });
  check(first.kind === 'full' && codes(first.items).includes('terminology.prefer') && codes(first.items).includes('spelling.unknown-word'),
        'textDocument/diagnostic answers with the findings', first);
  const again = await client.request(P.DocumentDiagnosticRequest.type, { textDocument: { uri: uri(file) }, previousResultId: first.resultId });
  check(again.kind === 'unchanged' && again.resultId === first.resultId, 'unchanged when asked again with the same resultId', again);
  check(!client.diagnostics.has(uri(file)), 'nothing is pushed to a client that pulls');

  // A pack rule's hover names its pack and its source.
  const jargon = first.items.find((d) => d.code === 'plain-language.medical-jargon');
  check(jargon && /plain-language\.xml$/.test(jargon.codeDescription.href), "a pack rule's diagnostic links to its pack file", jargon);
  const packHover = jargon && await client.request(P.HoverRequest.type, { textDocument: { uri: uri(file) }, position: jargon.range.start });
  const packShown = packHover ? packHover.contents.value : '';
  check(packShown.includes('plain-language.xml') && packShown.includes('CDC, Everyday Words for Public Health Communication'),
        "hover on a pack rule's finding: its pack and source", packShown);

  // Add to the brand's accept list: allowed by the settings, written atomically.
  const unknown = first.items.find((d) => d.code === 'spelling.unknown-word');
  const actions = await client.request(P.CodeActionRequest.type, {
    textDocument: { uri: uri(file) }, range: unknown.range, context: { diagnostics: [unknown] } });
  const accept = actions.find((a) => a.command && a.command.command === 'touchpoint.acceptWord');
  check(accept && accept.title.includes("'telewellness'"), 'an accept-list action for an unknown word when allowBrandEdits is set',
        actions.map((a) => a.title));
  const refreshes = client.refreshes;
  await client.request(P.ExecuteCommandRequest.type, accept.command);
  const brand = fs.readFileSync(path.join(project, 'brand.xml'), 'utf8');
  check(brand.includes('  <accept>telewellness</accept>\n</brand>'), 'the command adds <accept> to brand.xml', brand);
  await client.until(() => client.refreshes > refreshes, 'workspace/diagnostic/refresh');
  // A refresh per engine built: pulled again on each, as an editor does, until the one
  // with the new brand file answers.
  let after;
  for (let tries = 0; tries < 100; tries++) {
    after = await client.request(P.DocumentDiagnosticRequest.type, { textDocument: { uri: uri(file) } });
    if (!after.items.some((d) => d.message.includes("'telewellness'"))) break;
    await sleep(100);
  }
  check(!after.items.some((d) => d.message.includes("'telewellness'")), 'after the refresh, the accepted word is no finding', after.items);
  let refused = null;
  try {
    await client.request(P.ExecuteCommandRequest.type, { command: 'touchpoint.acceptWord', arguments: ['x', '/etc/passwd'] });
  } catch (e) {
    refused = e;
  }
  check(refused && refused.message.includes('brand file of no open workspace'), 'the command writes only a workspace brand file', refused && refused.message);
  check(await client.stop() === 0, 'pull session: shutdown then exit ends with 0');
}

// A rule the watchdog gives up is reported once, however many keystrokes follow.
async function watchdogSession(project) {
  const client = new Client('watchdog', { ruleTimeout: 0.3, debounce: 0 }, { TOUCHPOINT_PLUGIN_PATH: faultyPlugins });
  await client.initialize(project, {});
  const file = path.join(project, 'web', 'forever.md');
  client.open(file, 'Our customers wait forever.\n');
  await client.until(() => client.messages.some((m) => m.message.includes("plugin 'faulty'")), 'the given-up message');
  let diagnostics = await client.diagnosticsOf(file, 1);
  check(diagnostics.some((d) => d.code === 'terminology.prefer'), 'the other rules still report after one is given up', codes(diagnostics));
  for (let v = 2; v <= 6; v++) client.change(file, v, [{ text: `Our customers wait forever, ${v} times.\n` }]);
  await client.diagnosticsOf(file, 6);
  await sleep(800);
  const given = client.messages.filter((m) => m.message.includes("plugin 'faulty'"));
  check(given.length === 1 && given[0].message.includes('time limit'), 'the given-up rule is reported once over six versions', given);
  client.change(file, 7, [{ text: 'Say hello to our customers.\n' }]);
  diagnostics = await client.diagnosticsOf(file, 7);
  check(!diagnostics.some((d) => d.code === 'faulty.hello'), 'the given-up rule stays given up for the session', codes(diagnostics));
  check(await client.stop() === 0, 'watchdog session: shutdown then exit ends with 0');
}

// A document with no touchpoint.xml above it: one clear message, not one per document.
async function outsideSession(root) {
  const lonely = path.join(root, 'lonely');
  fs.rmSync(lonely, { recursive: true, force: true });
  fs.mkdirSync(lonely, { recursive: true });
  const client = new Client('outside');
  await client.initialize(lonely, { textDocument: { diagnostic: {} } });
  fs.mkdirSync(path.join(lonely, 'elsewhere'));
  client.open(path.join(lonely, 'one.md'), 'Our customers.\n');
  client.open(path.join(lonely, 'elsewhere', 'two.md'), 'Our clients.\n');
  const pulled = await client.request(P.DocumentDiagnosticRequest.type, { textDocument: { uri: uri(path.join(lonely, 'elsewhere', 'two.md')) } });
  await client.until(() => client.messages.length > 0, 'the no-project message');
  await sleep(300);
  check(client.messages.length === 1 && client.messages[0].message.includes('no touchpoint.xml'),
        'outside any project, in two folders: one message naming the missing touchpoint.xml', client.messages);
  check(pulled.kind === 'full' && pulled.items.length === 0, 'and empty diagnostics', pulled);
  check(await client.stop() === 0, 'outside session ends with 0');
}

// Raw frames: malformed messages get JSON-RPC errors and the server goes on.
async function malformedSession(project) {
  const child = spawn(touchpoint, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  const replies = [];
  child.stdout.on('data', (d) => {
    buffer = Buffer.concat([buffer, d]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) break;
      const length = Number(/Content-Length: (\d+)/.exec(buffer.slice(0, header).toString())[1]);
      if (buffer.length < header + 4 + length) break;
      replies.push(JSON.parse(buffer.slice(header + 4, header + 4 + length).toString()));
      buffer = buffer.slice(header + 4 + length);
    }
  });
  const frame = (body) => child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const reply = async (pred, what) => {
    const end = Date.now() + 10000;
    while (!replies.some(pred)) {
      if (Date.now() > end) throw new Error('timed out waiting for ' + what);
      await sleep(20);
    }
    return replies.find(pred);
  };
  frame('{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}');
  let r = await reply((m) => m.id === 1, 'the uninitialized answer');
  check(r.error && r.error.code === -32002, 'a request before initialize: ServerNotInitialized', r);
  frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { rootUri: uri(project), capabilities: {} } }));
  await reply((m) => m.id === 2, 'initialize');
  frame('{"jsonrpc":"2.0","id":3,"method":');
  r = await reply((m) => m.error && m.error.code === -32700, 'a parse error');
  check(r.id === null, 'broken JSON: ParseError with a null id', r);
  child.stdin.write('Content-Type: application/vscode-jsonrpc\r\n\r\n');
  r = await reply((m) => m.error && m.error.message.includes('Content-Length'), 'a missing header');
  check(true, 'a frame without Content-Length gets an error');
  frame('[1,2,3]');
  r = await reply((m) => m.error && m.error.code === -32600, 'an invalid request');
  check(true, 'a message that is not an object: InvalidRequest');
  frame('{"jsonrpc":"2.0","id":4,"method":"no/such"}');
  r = await reply((m) => m.id === 4, 'method not found');
  check(r.error && r.error.code === -32601, 'an unknown method: MethodNotFound', r);
  frame('{"jsonrpc":"2.0","id":5,"method":"textDocument/codeAction","params":{"textDocument":{"uri":7}}}');
  r = await reply((m) => m.id === 5, 'invalid params');
  check(r.error && r.error.code === -32602, 'wrong params: InvalidParams', r);
  frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///not/open.md","version":2},"contentChanges":[]}}');
  frame('{"jsonrpc":"2.0","id":6,"method":"shutdown"}');
  r = await reply((m) => m.id === 6, 'shutdown');
  check(r.result === null && !r.error, 'after all of that the server still answers');
  frame('{"jsonrpc":"2.0","method":"exit"}');
  const code = await new Promise((res) => child.on('exit', res));
  check(code === 0, 'exit after shutdown: 0', code);
  const rude = spawn(touchpoint, ['lsp'], { stdio: ['pipe', 'ignore', 'ignore'] });
  rude.stdin.write('Content-Length: 33\r\n\r\n{"jsonrpc":"2.0","method":"exit"}');
  check(await new Promise((res) => rude.on('exit', res)) === 1, 'exit without shutdown: 1');
}

// Memory over 10,000 edits: the resident size after them is that after the first 1,000.
async function memorySession(project) {
  const client = new Client('memory', { debounce: 5 });
  await client.initialize(project, {});
  const file = path.join(project, 'web', 'typing.md');
  const words = [];
  for (let i = 0; i < 1000; i++) words.push(['care', 'customers', 'family', 'visit', 'cheap', 'team'][i % 6]);
  client.open(file, words.join(' ') + '\n');
  await client.diagnosticsOf(file, 1);
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8'))[1]);
  let version = 1;
  const type = async (count) => {
    for (let i = 0; i < count; i++) {
      version++;
      const insert = version % 2 === 0;
      client.change(file, version, [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: insert ? 5 : 6 } },
                                      text: insert ? 'x' : '' }]);
      if (version % 50 === 0) await client.diagnosticsOf(file, version);  // typing pauses: checks run
    }
    await client.diagnosticsOf(file, version);
  };
  await type(1000);
  const before = rss();
  await type(9000);
  const after = rss();
  console.log(`# resident memory: ${before} KiB after 1,000 edits, ${after} KiB after 10,000`);
  check(after - before < 8 * 1024, 'memory stays flat over 10,000 edits (under 8 MiB of growth)', { before, after });
  check(await client.stop() === 0, 'memory session ends with 0');
}

(async () => {
  const project = path.join(scratch, 'content');
  // LSP_TEST_ONLY=push runs one session (for debugging a failure).
  const sessions = { positions, push: pushSession, pull: pullSession, watchdog: watchdogSession,
                     outside: () => outsideSession(scratch), malformed: malformedSession, memory: memorySession };
  for (const [name, session] of Object.entries(sessions)) {
    if (process.env.LSP_TEST_ONLY && process.env.LSP_TEST_ONLY !== name) continue;
    if (process.env.LSP_TEST_SKIP === name) {
      console.log(`# ${name}: skipped here (LSP_TEST_SKIP; it runs in the build for use)`);
      continue;
    }
    makeProject(project);
    await session(project);
  }
  console.log(failures ? `${failures} failed` : 'all passed');
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e.stack || e);
  process.exit(1);
});
