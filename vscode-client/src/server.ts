// Finds the gomend binary, checks that it runs, and drives the language client that talks to it.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ErrorHandler,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  State,
} from 'vscode-languageclient/node';
import { checksSetting, serverPathSetting } from './config';
import { CrashBudget } from './crashBudget';
import { Candidate, notFoundMessage, platformKey, serverCandidates } from './lookup';
import { type CheckedParams, normalizeChecked } from './protocol';
import type { ServerState } from './statusText';

const versionTimeoutMs = 5_000;

/** Files the server wants to see as documents; it watches them on disk through its own registrations. */
const watchedPatterns = [
  '**/go.mod',
  '**/go.work',
  '**/.devcontainer/**',
  '**/.devcontainer.json',
  '**/*.code-workspace',
  '**/.vscode/settings.json',
];

/** Files that may be gopls traces or logs: the server sniffs them and analyses those that are. */
const tracePatterns = ['**/*.log', '**/*.txt'];

export interface ResolvedServer {
  candidate: Candidate;
  version: string;
}

export class GomendServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private current: ServerState = 'stopped';
  private pending: Promise<void> = Promise.resolve();
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateChanged.event;
  private checkedParams: CheckedParams | undefined;
  private readonly checkedChanged = new vscode.EventEmitter<CheckedParams | undefined>();
  /** Fires with the params of every gomend/checked, and with undefined when a new server starts. */
  readonly onDidCheck = this.checkedChanged.event;

  /**
   * @param ownCommands command IDs this extension registers itself; the server may list the same
   *   IDs in executeCommandProvider, and the language client must not register them a second time.
   */
  constructor(
    private readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    private readonly ownCommands: ReadonlySet<string>,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** The params of the running server's latest gomend/checked; undefined before its first one. */
  get lastChecked(): CheckedParams | undefined {
    return this.checkedParams;
  }

  start(): Promise<void> {
    return this.serialize(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.serialize(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.serialize(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  /** Starts and stops run one at a time: a trust grant and a settings change may arrive together. */
  private serialize(op: () => Promise<void>): Promise<void> {
    const next = this.pending.then(op, op);
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    this.setChecked(undefined); // A new server, maybe with new trust: the old environment says nothing.
    this.setState('starting');
    const resolved = await this.resolve();
    if (!resolved) {
      this.setState('failed');
      return;
    }
    this.log.info(`server: ${resolved.candidate.path} (${resolved.candidate.source}), ${resolved.version}`);
    const client = this.createClient(resolved.candidate.path);
    this.client = client;
    // "running" only once the server says a diagnosis finished: a clean
    // workspace publishes no diagnostics, so their absence proves nothing.
    let checked = false;
    client.onDidChangeState((e) => {
      const state = clientState(e.newState);
      this.setState(state === 'running' && !checked ? 'checking' : state);
    });
    // Registered before start: the first diagnosis may finish before start() resolves.
    client.onNotification(checkedNotification, (params: unknown) => {
      checked = true;
      if (this.client !== client) return;
      // Stored before the state changes, so whoever renders 'running' sees these params.
      this.setChecked(normalizeChecked(params));
      if (client.isRunning()) this.setState('running');
    });
    try {
      await client.start();
    } catch (e) {
      this.log.error(`gomend failed to start: ${String(e)}`);
      this.setState('failed');
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.dispose(); // Shuts the server down (shutdown, exit) and releases the client.
      } catch (e) {
        this.log.warn(`stopping gomend: ${String(e)}`);
      }
    }
    this.setState('stopped');
  }

  /** Sends workspace/executeCommand to the server; throws a readable error when it is not running. */
  async executeCommand<T>(command: string, args: unknown[] = []): Promise<T> {
    const client = this.client;
    if (!client || !client.isRunning()) {
      throw new Error('the gomend server is not running (see the gomend output)');
    }
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.checkedChanged.dispose();
  }

  private setChecked(params: CheckedParams | undefined): void {
    if (params === undefined && this.checkedParams === undefined) return;
    this.checkedParams = params;
    this.checkedChanged.fire(params);
  }

  private setState(state: ServerState): void {
    if (state === this.current) return;
    this.current = state;
    this.stateChanged.fire(state);
  }

  /** Tries each candidate in lookup order; the first that answers `gomend version` wins. */
  private async resolve(): Promise<ResolvedServer | undefined> {
    const candidates = serverCandidates({
      env: process.env,
      settingPath: serverPathSetting(),
      extensionPath: this.extension.extensionPath,
      platform: process.platform,
      arch: process.arch,
      isFile: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
    });
    const tried: { candidate: Candidate; reason: string }[] = [];
    for (const candidate of candidates) {
      try {
        const version = await runVersion(candidate.path);
        const ignored = tried.find((t) => t.candidate.explicit);
        if (ignored) {
          // An explicit choice that does not work deserves a word, even though another server runs.
          void vscode.window.showWarningMessage(
            `gomend: ${ignored.candidate.path} (${ignored.candidate.source}) does not run: ${ignored.reason}. Using ${candidate.path} instead.`,
          );
        }
        return { candidate, version };
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        this.log.warn(`${candidate.path} (${candidate.source}) does not work: ${reason}`);
        tried.push({ candidate, reason });
      }
    }
    const message = notFoundMessage(tried, platformKey(process.platform, process.arch));
    this.log.error(message);
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'gomend.server.path');
      if (choice === 'Show Output') this.log.show();
    });
    return undefined;
  }

  private createClient(command: string): LanguageClient {
    const executable = { command, args: ['serve'] };
    const options: LanguageClientOptions = {
      documentSelector: [
        ...watchedPatterns.map((pattern) => ({ scheme: 'file', pattern })),
        ...tracePatterns.map((pattern) => ({ scheme: 'file', pattern })),
        { scheme: 'file', language: 'go' },
      ],
      // A function, so a restart (e.g. after trust is granted) sends the current values.
      initializationOptions: () => ({
        trusted: vscode.workspace.isTrusted,
        locale: vscode.env.language,
        checks: checksSetting(),
        workspaceFile: vscode.workspace.workspaceFile?.scheme === 'file' ? vscode.workspace.workspaceFile.fsPath : null,
      }),
      outputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: boundedRestarts(this.log),
    };
    const client = new LanguageClient('gomend', 'gomend', { run: executable, debug: executable }, options);
    leaveCommandsToExtension(client, this.ownCommands);
    return client;
  }
}

/** Sent by the server after every published diagnosis (docs/lsp.md). */
const checkedNotification = 'gomend/checked';

function clientState(s: State): ServerState {
  switch (s) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    default:
      return 'stopped';
  }
}

function runVersion(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['version'], { timeout: versionTimeoutMs, windowsHide: true }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout.trim().split('\n')[0] ?? '');
    });
  });
}

/** Restarts a crashed server a few times, then stops and says why. */
function boundedRestarts(log: vscode.LogOutputChannel): ErrorHandler {
  const budget = new CrashBudget(4, 3 * 60_000);
  return {
    error: (_error, _message, count) => ({ action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      if (budget.recordCrash()) {
        log.warn('gomend exited unexpectedly; restarting it');
        return { action: CloseAction.Restart, handled: true };
      }
      return {
        action: CloseAction.DoNotRestart,
        message: 'gomend crashed 5 times in 3 minutes and will not be restarted. See the gomend output; reload the window to try again.',
      };
    },
  };
}

/**
 * vscode-languageclient registers every command in the server's executeCommandProvider as a VS Code
 * command, so that code actions carrying them work. The server also lists gomend.repairWorkspace and
 * gomend.explain (and gomend.analyzeTrace), which this extension registers itself with a UI around them: registering them twice
 * throws and aborts the client's start. Keep the client's forwarding for every other server command.
 */
function leaveCommandsToExtension(client: LanguageClient, owned: ReadonlySet<string>): void {
  const feature = client.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) => {
    const commands = (data.registerOptions.commands ?? []).filter((c) => !owned.has(c));
    register({ ...data, registerOptions: { ...data.registerOptions, commands } });
  };
}
