package lspdriver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// exitGrace is how long, after the server closed its stdout, we wait
	// for it to exit so that errors can give its exit status.
	exitGrace = time.Second
	// drainGrace is how long, after the server exited, we keep reading a
	// stdout that a surviving child of the server may still hold open.
	drainGrace = time.Second
	// waitDelay bounds the copy of stderr once the server exited.
	waitDelay = time.Second
)

// Options says how to run the server.
type Options struct {
	Argv    []string // the server command, e.g. {"/path/gomend", "serve"}
	Dir     string   // the process's working directory ("" = ours)
	Env     []string // the process's whole environment (nil = ours)
	Folders []string // workspace folders; made absolute; rootUri is the first
	// InitializationOptions is sent as is when not nil.
	InitializationOptions any
	Stderr                io.Writer // receives the server's stderr (nil = discard)
}

// Result is what the finished server process cost.
type Result struct {
	ExitCode int   // -1 if it was killed by a signal
	MaxRSS   int64 // peak resident set, bytes (0 where the OS does not say)
	UserCPU  time.Duration
	SysCPU   time.Duration
}

// Session is one running server. All its methods are safe for concurrent use.
type Session struct {
	cmd     *exec.Cmd
	folders []string
	stdin   *os.File // our end of the server's stdin
	stdout  *os.File // our end of the server's stdout
	stderr  *tail
	writeMu sync.Mutex
	closing atomic.Bool // we closed stdin: write errors are ours
	nextID  atomic.Int64

	sent       time.Time       // set once in Start
	initResult json.RawMessage // set once in Start

	mu      sync.Mutex
	msgs    []Message // append-only: an element never changes once added
	taken   []bool    // taken[i]: msgs[i] was returned by WaitFor
	grew    chan struct{}
	pending map[int64]chan Message
	readErr error // why the reader stopped; set before readDone closes

	readDone chan struct{} // the reader stopped recording: no more messages
	drained  chan struct{} // the reader goroutine returned
	exited   chan struct{} // Wait returned; state is set
	state    *os.ProcessState

	closeOnce sync.Once
	closeRes  Result
	closeErr  error
}

// Start runs the server, sends initialize, waits for its answer and sends
// initialized. If anything fails the process is killed and reaped.
func Start(ctx context.Context, opts Options) (*Session, error) {
	if len(opts.Argv) == 0 {
		return nil, errors.New("lspdriver: no server command")
	}
	folders := make([]string, len(opts.Folders))
	for i, f := range opts.Folders {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("workspace folder %q: %w", f, err)
		}
		folders[i] = abs
	}
	// Our own pipes rather than cmd.StdoutPipe: Wait must not close
	// stdout under the reader, which may still have messages to read.
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("stdin pipe: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("stdout pipe: %w", err)
	}
	s := &Session{
		folders:  folders,
		stdin:    inW,
		stdout:   outR,
		stderr:   &tail{w: opts.Stderr},
		grew:     make(chan struct{}),
		pending:  map[int64]chan Message{},
		readDone: make(chan struct{}),
		drained:  make(chan struct{}),
		exited:   make(chan struct{}),
	}
	s.cmd = exec.Command(opts.Argv[0], opts.Argv[1:]...)
	s.cmd.Dir, s.cmd.Env = opts.Dir, opts.Env
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = inR, outW, s.stderr
	s.cmd.WaitDelay = waitDelay
	err = s.cmd.Start()
	inR.Close() // the child has its copies
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("starting %s: %w", opts.Argv[0], err)
	}
	go s.wait()
	go s.read(bufio.NewReaderSize(outR, 64<<10))

	var res json.RawMessage
	s.sent, err = s.call(ctx, "initialize", initializeParams(folders, opts.InitializationOptions), &res)
	if err == nil {
		s.initResult = res
		err = s.Notify("initialized", struct{}{})
	}
	if err != nil {
		s.abandon()
		return nil, fmt.Errorf("starting %s: %w", opts.Argv[0], err)
	}
	return s, nil
}

// abandon kills a server that failed to start and reaps it.
func (s *Session) abandon() {
	s.closing.Store(true)
	s.stdin.Close()
	_ = s.cmd.Process.Kill() // fails only if it already exited
	<-s.exited
	<-s.drained
}

// Sent is when the initialize request was written.
func (s *Session) Sent() time.Time { return s.sent }

// InitializeResult is the server's answer to initialize.
func (s *Session) InitializeResult() json.RawMessage { return s.initResult }

// Pid is the server's process ID, for sampling it while it runs.
func (s *Session) Pid() int { return s.cmd.Process.Pid }

// Messages is a snapshot of every message received so far, in order.
func (s *Session) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// Call sends a request and waits for its response, decoding the result
// into result unless it is nil. An error response is returned as an error
// wrapping *RPCError. If ctx ends first, the request is cancelled with
// $/cancelRequest and ctx's error returned; if the server stops, the error
// says how.
func (s *Session) Call(ctx context.Context, method string, params, result any) error {
	_, err := s.call(ctx, method, params, result)
	return err
}

type request struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int64  `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params,omitempty"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params,omitempty"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"` // "null" is kept: a result is required
	Error   *RPCError       `json:"error,omitempty"`
}

// call is Call, also returning when the request was written.
func (s *Session) call(ctx context.Context, method string, params, result any) (time.Time, error) {
	id := s.nextID.Add(1)
	body, err := json.Marshal(request{JSONRPC: "2.0", ID: id, Method: method, Params: params})
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: encoding the params: %w", method, err)
	}
	ch := make(chan Message, 1)
	s.mu.Lock()
	if s.readErr != nil {
		err := s.readErr
		s.mu.Unlock()
		return time.Time{}, fmt.Errorf("%s: %w", method, err)
	}
	s.pending[id] = ch
	s.mu.Unlock()

	sent, err := s.write(body)
	if err != nil {
		s.forget(id)
		return sent, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		return sent, decodeResponse(method, m, result)
	case <-s.readDone:
		s.forget(id)
		select { // the response may have come just before the end
		case m := <-ch:
			return sent, decodeResponse(method, m, result)
		default:
		}
		return sent, fmt.Errorf("%s: %w", method, s.readErr)
	case <-ctx.Done():
		s.forget(id)
		_ = s.Notify("$/cancelRequest", map[string]int64{"id": id}) // best effort
		return sent, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

func (s *Session) forget(id int64) {
	s.mu.Lock()
	delete(s.pending, id)
	s.mu.Unlock()
}

func decodeResponse(method string, m Message, result any) error {
	if m.Error != nil {
		return fmt.Errorf("%s: %w", method, m.Error)
	}
	if result == nil || m.Result == nil {
		return nil
	}
	if err := json.Unmarshal(m.Result, result); err != nil {
		return fmt.Errorf("%s: decoding the result: %w", method, err)
	}
	return nil
}

// Notify sends a notification.
func (s *Session) Notify(method string, params any) error {
	body, err := json.Marshal(notification{JSONRPC: "2.0", Method: method, Params: params})
	if err != nil {
		return fmt.Errorf("%s: encoding the params: %w", method, err)
	}
	if _, err := s.write(body); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

// write sends one framed body and returns when it started writing.
func (s *Session) write(body []byte) (time.Time, error) {
	s.writeMu.Lock()
	at := time.Now()
	err := writeFrame(s.stdin, body)
	s.writeMu.Unlock()
	if err == nil {
		return at, nil
	}
	if s.closing.Load() {
		return at, fmt.Errorf("session closed: %w", err)
	}
	// Most likely the server died: a broken pipe says less than its exit
	// status, which the reader will soon know.
	select {
	case <-s.readDone:
		return at, fmt.Errorf("%w (writing: %v)", s.readErr, err)
	case <-time.After(exitGrace + time.Second):
		return at, fmt.Errorf("writing to the server: %w", err)
	}
}

// WaitFor returns the earliest message that match accepts and that no
// earlier WaitFor returned: messages that arrived before the call count,
// and each message is handed out once, whatever the order of the calls.
// To wait only for what comes after some point, compare Message.Index
// with len(Messages()) taken at that point. match runs without locks held
// and may see a message another WaitFor takes first; it must not modify it.
// WaitFor fails when ctx ends, or when the server stopped and no message
// it did send matches.
func (s *Session) WaitFor(ctx context.Context, match func(Message) bool) (Message, error) {
	for i := 0; ; {
		s.mu.Lock()
		msgs, grew := s.msgs, s.grew
		s.mu.Unlock()
		for ; i < len(msgs); i++ {
			if !match(msgs[i]) {
				continue
			}
			s.mu.Lock()
			taken := s.taken[i]
			s.taken[i] = true
			s.mu.Unlock()
			if !taken {
				return msgs[i], nil
			}
		}
		select {
		case <-grew:
		case <-ctx.Done():
			return Message{}, fmt.Errorf("waiting for a message: %w", ctx.Err())
		case <-s.readDone:
			s.mu.Lock()
			more := len(s.msgs) > i
			s.mu.Unlock()
			if !more {
				return Message{}, fmt.Errorf("waiting for a message: %w", s.readErr)
			}
		}
	}
}

// Close shuts the server down the polite way (shutdown, exit, stdin
// closed) and waits for it to exit; when ctx ends first it kills it, so
// give ctx a deadline. The Result is valid even with an error (a refused
// shutdown, a kill). Later calls return the first call's answer.
func (s *Session) Close(ctx context.Context) (Result, error) {
	s.closeOnce.Do(func() { s.closeRes, s.closeErr = s.close(ctx) })
	return s.closeRes, s.closeErr
}

func (s *Session) close(ctx context.Context) (Result, error) {
	var errs []error
	select {
	case <-s.readDone: // no one would read the answer to shutdown
	default:
		if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
			errs = append(errs, err)
		}
	}
	// exit's own error is not worth reporting: the exit status says more.
	_ = s.Notify("exit", nil)
	s.closing.Store(true)
	s.stdin.Close()
	select {
	case <-s.exited:
	case <-ctx.Done():
		_ = s.cmd.Process.Kill()
		<-s.exited
		errs = append(errs, fmt.Errorf("the server did not exit, killed it: %w", ctx.Err()))
	}
	<-s.drained
	return s.result(), errors.Join(errs...)
}

func (s *Session) result() Result {
	st := s.state
	if st == nil {
		return Result{ExitCode: -1}
	}
	return Result{ExitCode: st.ExitCode(), MaxRSS: MaxRSS(st), UserCPU: st.UserTime(), SysCPU: st.SystemTime()}
}
