// Package server is gomend's language server: LSP wiring only. It keeps the
// current workspace.Snapshot, reruns diagnostics.Run when it changes, and
// presents findings as diagnostics, code actions and commands. It is the only
// package that imports go.lsp.dev/protocol and go.lsp.dev/jsonrpc2.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// Options configure Serve.
type Options struct {
	Logger    *zap.Logger       // stderr; never stdout
	Env       map[string]string // the process environment (becomes workspace.Options.Env)
	GoVersion string            // local toolchain version, if known
	Host      hostfs.Host       // the machine (probed by the caller)
	Debounce  time.Duration     // 0 → 100ms
	// ProgressDelay is how long the first walk may run before $/progress
	// shows it: 0 → 1s, so a small workspace shows no flicker; negative →
	// from the start (tests).
	ProgressDelay time.Duration
	// Runner runs the go command for the checks that need it, in a trusted
	// workspace (nil: never; those checks are skipped).
	Runner gocmd.Runner
}

// errExitBeforeShutdown is Serve's result when the client sends exit
// without shutdown first (the process should then exit with status 1).
var errExitBeforeShutdown = errors.New("the client sent exit before shutdown")

// Serve runs the LSP server on conn until the client sends exit or conn closes.
// It returns nil after shutdown+exit, and an error otherwise (exit without shutdown, connection lost).
func Serve(ctx context.Context, conn io.ReadWriteCloser, opts Options) error {
	return serve(ctx, conn, opts, registryChecker{})
}

// checker runs the checks. Tests substitute a slow one to exercise
// cancellation; nothing else does.
type checker interface {
	Run(ctx context.Context, snap *workspace.Snapshot, sel diagnostics.Selection, phase diagnostics.Phase) []diagnostics.Finding
}

type registryChecker struct{}

func (registryChecker) Run(ctx context.Context, snap *workspace.Snapshot, sel diagnostics.Selection, phase diagnostics.Phase) []diagnostics.Finding {
	return diagnostics.RunPhase(ctx, snap, sel, phase)
}

func serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options, chk checker) error {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	if opts.ProgressDelay == 0 {
		opts.ProgressDelay = time.Second
	}
	log := opts.Logger.Named("server")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	conn := jsonrpc2.NewConn(newStream(rwc, log))
	s := &server{
		conn:     conn,
		log:      log,
		opts:     opts,
		checks:   chk,
		ctx:      ctx,
		tail:     closedChan(),
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
		exited:   make(chan struct{}),
	}
	s.state.buffers = map[string]workspace.Overlay{}
	conn.Go(ctx, s.handle)

	var err error
	select {
	case <-s.exited:
	case <-conn.Done():
	case <-ctx.Done():
	}
	select {
	case <-s.exited: // exit wins over the connection closing right after it
		if !s.shutdownAsked.Load() {
			err = errExitBeforeShutdown
		}
	default:
		if ctx.Err() != nil {
			err = ctx.Err()
		} else {
			err = fmt.Errorf("connection closed before exit: %w", connErr(conn))
		}
	}
	conn.Close()
	s.stop(cancel)
	return err
}

func connErr(conn jsonrpc2.Conn) error {
	if err := conn.Err(); err != nil {
		return err
	}
	return io.EOF
}

// server is the connection's plumbing; state is what the handlers share.
type server struct {
	conn   jsonrpc2.Conn
	log    *zap.Logger
	opts   Options
	checks checker
	// ctx is the connection's: cancelled when Serve returns, so background
	// work (diagnosis, calls to the client) never outlives the connection.
	ctx context.Context

	// Owned by the read loop (middleware.go): the previous request's turn.
	tail chan struct{}

	inflightMu sync.Mutex
	inflight   map[jsonrpc2.ID]context.CancelFunc

	bgMu     sync.Mutex
	bg       sync.WaitGroup
	stopping bool

	// Set on the read loop, as shutdown and exit arrive.
	shutdownAsked atomic.Bool
	exitOnce      sync.Once
	exited        chan struct{}

	mu    sync.Mutex
	state state

	// findings is the last diagnosis, for codeAction and commands.
	findings atomic.Pointer[computed]
	// diagnoses counts the diagnoses that ran the checks (gomend/stats).
	diagnoses atomic.Int64
	// walked counts the entries the first walk has visited, for $/progress.
	walked atomic.Int64

	pubMu sync.Mutex
	pub   published
}

// phase is where the server is in the LSP lifecycle.
type phase int

const (
	uninitialized phase = iota
	running             // initialize answered
	shutDown            // shutdown answered; only exit is accepted
)

// state is guarded by server.mu.
type state struct {
	phase   phase
	caps    clientCapabilities
	options initOptions
	// folders are the workspace folder paths, exactly as the client sent them.
	folders []string
	// snap is nil until the first snapshot is built (after initialized).
	snap            *workspace.Snapshot
	cancelDiagnosis context.CancelFunc
	// buffers are the open editor buffers; only those a check reads are
	// also overlays of snap.
	buffers map[string]workspace.Overlay
}

// computed pairs a snapshot with its findings.
type computed struct {
	snap     *workspace.Snapshot
	findings []diagnostics.Finding
}

// handlerFunc handles one request or notification; for a notification the
// result is dropped and an error logged.
type handlerFunc func(s *server, ctx context.Context, r *request) (any, error)

// handlers is the dispatch table. A method missing here gets MethodNotFound
// (requests) or is ignored (notifications), in middleware.go.
var handlers = map[string]handlerFunc{
	protocol.MethodInitialize:                         (*server).initialize,
	protocol.MethodInitialized:                        (*server).initialized,
	protocol.MethodShutdown:                           (*server).shutdown,
	protocol.MethodTextDocumentDidOpen:                (*server).didOpen,
	protocol.MethodTextDocumentDidChange:              (*server).didChange,
	protocol.MethodTextDocumentDidSave:                (*server).didSave,
	protocol.MethodTextDocumentDidClose:               (*server).didClose,
	protocol.MethodWorkspaceDidChangeWatchedFiles:     (*server).didChangeWatchedFiles,
	protocol.MethodWorkspaceDidChangeWorkspaceFolders: (*server).didChangeWorkspaceFolders,
	protocol.MethodTextDocumentCodeAction:             (*server).codeAction,
	protocol.MethodWorkspaceExecuteCommand:            (*server).executeCommand,
	methodStats:                                       (*server).stats,
}

// goBackground runs f in a goroutine that Serve waits for; once Serve is
// stopping it refuses, so nothing starts after the wait begins.
func (s *server) goBackground(f func()) bool {
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	if s.stopping {
		return false
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer func() {
			// A bug in a check must not take the editor's server down.
			if p := recover(); p != nil {
				s.log.Error("background work panicked", zap.Any("panic", p), zap.Stack("stack"))
			}
		}()
		f()
	}()
	return true
}

// stop cancels the connection's context and waits for background work.
func (s *server) stop(cancel context.CancelFunc) {
	s.bgMu.Lock()
	s.stopping = true
	s.bgMu.Unlock()
	cancel()
	s.bg.Wait()
}

func closedChan() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}
