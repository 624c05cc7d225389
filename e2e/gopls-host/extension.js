// A TEST STAND-IN for the Go extension (vscode-go, id golang.go), which cannot be installed where
// gomend's end-to-end tests run (no extension marketplace). It is NOT vscode-go: it reproduces only
// vscode-go's language-client part, so that the real vscode-languageclient writes the real
// "gopls (server)" and "gopls" output channels of the real gopls, and so that gomend's
// "Capture a gopls trace" command finds an extension golang.go with go.languageServerFlags and
// go.languageserver.restart to drive.
//
// What it copies from vscode-go (extension/src/language/goLanguageServer.ts, commands/startLanguageServer.ts,
// goEnv.ts, goMode.ts, goMain.ts):
//   - new LanguageClient('go', 'gopls', { command: <gopls>, args: go.languageServerFlags, options: { env } }, …):
//     the id 'go' makes go.trace.server (off|messages|verbose) drive the client-side JSON-RPC trace;
//     no transport, so nothing is appended to the flags (vscode-go passes the flags alone, no `serve`);
//   - env = the extension host's environment plus go.toolsEnvVars (toolExecutionEnvironment);
//   - outputChannel "gopls (server)" (window/logMessage and gopls's stderr) and traceOutputChannel
//     "gopls", both created once and reused across restarts; LogOutputChannels ({ log: true }) with
//     vscode-languageclient 10 or newer, which requires them, plain ones before;
//   - the document selector (go, go.mod, go.sum, go.work, gotmpl on file:), revealOutputChannelOn Never,
//     experimental.progressMessageStyles ['log'] in the initialize params, initializationOptions = the
//     explicitly set `gopls` settings, the error handler (continue/restart up to 5 crashes);
//   - go.languageserver.restart: stop the client (stop(2000), not awaited, as vscode-go does) and start a
//     new one with the settings read again; the same on a change of go.languageServerFlags,
//     go.toolsEnvVars, go.alternateTools or go.useLanguageServer.
// The gopls binary: the goplsHost.path setting, else $GOPLS_HOST_PATH, else go.alternateTools.gopls.
// Unlike vscode-go (which offers to install gopls), with none of them it starts nothing and says so in
// "gopls (server)": gomend's e2e runs it in every window but wants gopls only in its capture scenario.
'use strict';
const vscode = require('vscode');
const { LanguageClient, CloseAction, ErrorAction, RevealOutputChannelOn } = require('vscode-languageclient/node');
// The package's "exports" (>= 10) hide its package.json from require: read it from the disk.
const lcVersion = JSON.parse(
  require('fs').readFileSync(require('path').join(__dirname, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'),
).version;

const logChannels = Number(lcVersion.split('.')[0]) >= 10;

class GoLanguageClient extends LanguageClient {
  fillInitializeParams(params) {
    super.fillInitializeParams(params);
    params.capabilities.experimental = { progressMessageStyles: ['log'] };
  }
}

let serverOutputChannel;
let serverTraceChannel;
let client;
let crashCount = 0;
let queue = Promise.resolve();

function goplsPath() {
  const configured = vscode.workspace.getConfiguration('goplsHost').get('path');
  if (configured) return configured;
  if (process.env.GOPLS_HOST_PATH) return process.env.GOPLS_HOST_PATH;
  const alternate = vscode.workspace.getConfiguration('go').get('alternateTools');
  if (alternate && typeof alternate.gopls === 'string' && alternate.gopls) return alternate.gopls;
  return undefined;
}

function toolExecutionEnvironment() {
  const env = Object.assign({}, process.env);
  const toolsEnvVars = vscode.workspace.getConfiguration('go').get('toolsEnvVars');
  if (toolsEnvVars && typeof toolsEnvVars === 'object') {
    for (const [k, v] of Object.entries(toolsEnvVars)) env[k] = v;
  }
  return env;
}

/** The `gopls` settings the user set explicitly (vscode-go's filterGoplsDefaultConfigValues, simplified). */
function goplsSettings() {
  const cfg = vscode.workspace.getConfiguration('gopls');
  const out = {};
  for (const [k, v] of Object.entries(cfg)) {
    if (typeof v !== 'function') out[k] = v;
  }
  return out;
}

function buildClient() {
  if (!serverOutputChannel) {
    serverOutputChannel = vscode.window.createOutputChannel('gopls (server)', logChannels ? { log: true } : undefined);
  }
  if (!serverTraceChannel) {
    serverTraceChannel = vscode.window.createOutputChannel('gopls', logChannels ? { log: true } : undefined);
  }
  const command = goplsPath();
  if (!command) return undefined;
  const flags = vscode.workspace.getConfiguration('go').get('languageServerFlags') || [];
  const serverOptions = { command, args: flags, options: { env: toolExecutionEnvironment() } };
  let initializationError;
  const c = new GoLanguageClient('go', 'gopls', serverOptions, {
    initializationOptions: goplsSettings(),
    documentSelector: [
      { language: 'go', scheme: 'file' },
      { language: 'go.mod', scheme: 'file' },
      { language: 'go.sum', scheme: 'file' },
      { language: 'go.work', scheme: 'file' },
      { language: 'gotmpl', scheme: 'file' },
    ],
    outputChannel: serverOutputChannel,
    traceOutputChannel: serverTraceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      initializationError = error;
      return false;
    },
    errorHandler: {
      error: (_error, _message, count) => ({ message: '', action: count < 5 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        if (initializationError !== undefined) {
          initializationError = undefined;
          return { message: '', action: CloseAction.DoNotRestart };
        }
        crashCount++;
        return { message: '', action: crashCount < 5 ? CloseAction.Restart : CloseAction.DoNotRestart };
      },
    },
  });
  return c;
}

/** vscode-go's startLanguageServer: one at a time, stopping the running client first. */
function startLanguageServer(reason) {
  queue = queue.then(async () => {
    const useLanguageServer = vscode.workspace.getConfiguration('go').get('useLanguageServer') !== false;
    if (client) {
      serverOutputChannel?.append(`Request to stop language server - ${reason} (enabled: ${useLanguageServer})`);
      const c = client;
      client = undefined;
      crashCount = 0;
      c.diagnostics?.clear();
      try {
        c.stop(2000).catch(() => {});
      } catch (e) {
        c.outputChannel?.appendLine(`Failed to stop client: ${e}`);
      }
    }
    if (!useLanguageServer) return;
    try {
      client = buildClient();
      if (!client) {
        serverOutputChannel.appendLine('gopls host: no gopls configured (goplsHost.path, $GOPLS_HOST_PATH, go.alternateTools.gopls): not started');
        return;
      }
      await client.start();
    } catch (e) {
      serverOutputChannel?.append(`Error starting language server: ${e}`);
    }
  });
  return queue;
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('go.languageserver.restart', () => startLanguageServer('manual')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration('go.useLanguageServer') ||
        e.affectsConfiguration('go.languageServerFlags') ||
        e.affectsConfiguration('go.alternateTools') ||
        e.affectsConfiguration('go.toolsEnvVars') ||
        e.affectsConfiguration('goplsHost.path')
      ) {
        void startLanguageServer('config change');
      }
    }),
  );
  await startLanguageServer('activation');
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
