package lspdriver

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// limit bounds every wait on a fake; they answer in milliseconds.
const limit = 30 * time.Second

// prompt is how soon a dead or broken server must be reported.
const prompt = 10 * time.Second

func startFake(t *testing.T, mode string, folders []string, extraEnv ...string) (*Session, *syncBuffer, error) {
	t.Helper()
	stderr := &syncBuffer{}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	s, err := Start(ctx, Options{
		Argv:    []string{os.Args[0]},
		Env:     fakeEnv(mode, extraEnv...),
		Folders: folders,
		Stderr:  stderr,
	})
	return s, stderr, err
}

func TestServerExitsAtOnce(t *testing.T) {
	begin := time.Now()
	s, _, err := startFake(t, "exit", nil)
	if err == nil {
		s.Close(context.Background())
		t.Fatal("Start succeeded against a server that exited")
	}
	if !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "exiting on purpose") {
		t.Errorf("error does not give the exit status and stderr: %v", err)
	}
	if d := time.Since(begin); d > prompt {
		t.Errorf("Start took %v to notice", d)
	}
}

func TestServerWritesGarbage(t *testing.T) {
	begin := time.Now()
	s, _, err := startFake(t, "garbage", nil)
	if err == nil {
		s.Close(context.Background())
		t.Fatal("Start succeeded against a server that wrote garbage")
	}
	if !errors.Is(err, errProtocol) || !strings.Contains(err.Error(), "hello") {
		t.Errorf("error does not name the bad frame: %v", err)
	}
	if d := time.Since(begin); d > prompt {
		t.Errorf("Start took %v to notice", d)
	}
}

func TestServerWritesGarbageLater(t *testing.T) {
	s, _, err := startFake(t, "late-garbage", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	_, err = s.WaitFor(ctx, func(Message) bool { return false })
	if !errors.Is(err, errProtocol) {
		t.Errorf("WaitFor: got %v, want the protocol error", err)
	}
	if err := s.Call(ctx, "fake/anything", nil, nil); !errors.Is(err, errProtocol) {
		t.Errorf("Call: got %v, want the protocol error", err)
	}
	// The fake ends when its stdin closes: Close must not hang on shutdown.
	res, err := s.Close(ctx)
	if err != nil || res.ExitCode != 0 {
		t.Errorf("Close: %+v, %v", res, err)
	}
}

func TestServerDiesAfterHandshake(t *testing.T) {
	s, _, err := startFake(t, "die", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	begin := time.Now()
	_, err = s.WaitFor(ctx, func(m Message) bool { return m.Method == "fake/never" })
	if err == nil || !strings.Contains(err.Error(), "exit status 5") || !strings.Contains(err.Error(), "dying after the handshake") {
		t.Errorf("WaitFor: got %v, want the exit status and stderr", err)
	}
	if d := time.Since(begin); d > prompt {
		t.Errorf("WaitFor took %v to notice", d)
	}
	// What the server said before dying is still there to find.
	if _, err := s.WaitFor(ctx, func(m Message) bool { return m.Method == "fake/ready" }); err != nil {
		t.Errorf("WaitFor a message sent before the death: %v", err)
	}
	if err := s.Call(ctx, "fake/anything", nil, nil); err == nil || !strings.Contains(err.Error(), "exit status 5") {
		t.Errorf("Call on a dead server: %v", err)
	}
	res, err := s.Close(ctx)
	if err != nil || res.ExitCode != 5 {
		t.Errorf("Close: %+v, %v", res, err)
	}
}

func TestContextUnblocks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	begin := time.Now()
	s, err := Start(ctx, Options{Argv: []string{os.Args[0]}, Env: fakeEnv("silent")})
	if err == nil {
		s.Close(context.Background())
		t.Fatal("Start succeeded against a server that never answers")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the deadline", err)
	}
	if d := time.Since(begin); d > prompt {
		t.Errorf("Start took %v to give up", d)
	}
}

func TestProgressFake(t *testing.T) {
	root := filepath.Join(t.TempDir(), "my work 区")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	s, stderr, err := startFake(t, "progress", []string{root}, "LSPDRIVER_ROOT="+root)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	isDiags := func(m Message) bool { return m.Method == "textDocument/publishDiagnostics" }
	if _, err := s.WaitFor(ctx, isDiags); err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, stderr)
	}
	var info struct {
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(s.InitializeResult(), &info); err != nil || info.ServerInfo.Name != "fake" {
		t.Errorf("InitializeResult %s: %v", s.InitializeResult(), err)
	}

	// WaitFor hands each message out once, and finds ones already received.
	done, cancelNow := context.WithCancel(ctx)
	cancelNow()
	if m, err := s.WaitFor(done, isDiags); err == nil {
		t.Errorf("WaitFor returned publishDiagnostics twice: %+v", m)
	}
	if _, err := s.WaitFor(done, func(m Message) bool { return m.Method == "$/progress" }); err != nil {
		t.Errorf("WaitFor missed a message already received: %v", err)
	}

	msgs := s.Messages()
	for i, m := range msgs {
		if m.Index != i {
			t.Errorf("message %d has Index %d", i, m.Index)
		}
		if i > 0 && m.At.Before(msgs[i-1].At) {
			t.Errorf("message %d arrived before message %d", i, i-1)
		}
	}
	create := -1
	for i, m := range msgs {
		if m.IsRequest() && m.Method == "window/workDoneProgress/create" {
			create = i
		}
	}
	if create < 0 {
		t.Error("the workDoneProgress/create request was not recorded")
	}
	spans := Progress(msgs)
	if len(spans) != 1 {
		t.Fatalf("got %d progress spans, want 1: %+v", len(spans), spans)
	}
	sp := spans[0]
	if sp.Token != "42" || sp.Title != "Setting up workspace" || sp.Reports != 1 || !sp.Done ||
		sp.Message != "Finished loading packages." {
		t.Errorf("span %+v", sp)
	}
	if create >= 0 && !sp.Created.Equal(msgs[create].At) {
		t.Errorf("span created at %v, the request came at %v", sp.Created, msgs[create].At)
	}
	if !s.Sent().Before(sp.Begin) || sp.End.Before(sp.Begin) {
		t.Errorf("sent %v, begin %v, end %v", s.Sent(), sp.Begin, sp.End)
	}
	diags, ok := FirstNotification(msgs, "textDocument/publishDiagnostics")
	if !ok || diags.At.Before(sp.End) {
		t.Errorf("FirstNotification: %+v, %v", diags, ok)
	}

	res, err := s.Close(ctx)
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("Close: %+v, %v\nstderr:\n%s", res, err, stderr)
	}
	if again, err := s.Close(ctx); err != nil || again != res {
		t.Errorf("second Close: %+v, %v; first was %+v", again, err, res)
	}
	if err := s.Notify("fake/late", nil); err == nil {
		t.Error("Notify succeeded after Close")
	}
}
