package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomend/gomend/internal/gocmd"
)

// countingRunner is a fault-injecting Runner: it counts loads, and each
// load waits for release (or panics when told to).
type countingRunner struct {
	loads   atomic.Int32
	started chan struct{}
	release chan struct{}
	panics  bool
}

func (r *countingRunner) GoEnv(ctx context.Context, inv gocmd.Invocation) (map[string]string, error) {
	return map[string]string{"GOVERSION": "go1.26.8"}, nil
}

func (r *countingRunner) Load(ctx context.Context, inv gocmd.Invocation, patterns ...string) (*gocmd.LoadResult, error) {
	r.loads.Add(1)
	r.started <- struct{}{}
	if r.panics {
		panic("injected")
	}
	select {
	case <-r.release:
		return &gocmd.LoadResult{Packages: 1}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (r *countingRunner) Run(ctx context.Context, inv gocmd.Invocation, args ...string) ([]byte, error) {
	return nil, errors.New("not here")
}

// goSnapshot is a snapshot of a module folder with a go outside it.
func goSnapshot(t *testing.T, r gocmd.Runner, untrusted bool) (*Snapshot, string, map[string]string) {
	t.Helper()
	root := t.TempDir()
	folder := filepath.Join(root, "app")
	bin := filepath.Join(root, "bin")
	for _, d := range []string{folder, bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATH": bin}
	snap, err := New(context.Background(), Options{Folders: []string{folder}, Env: env, Exec: true, Untrusted: untrusted, Runner: r})
	if err != nil {
		t.Fatal(err)
	}
	return snap, folder, env
}

// TestLoadSharedAndRetried: callers on one snapshot share one load; a
// load cut short by its caller's cancellation is not kept, and the next
// caller runs it again.
func TestLoadSharedAndRetried(t *testing.T) {
	r := &countingRunner{started: make(chan struct{}, 4), release: make(chan struct{})}
	snap, folder, env := goSnapshot(t, r, false)

	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := snap.LoadPackages(ctx, folder, env)
		first <- err
	}()
	<-r.started
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: %v", err)
	}

	var wg sync.WaitGroup
	results := make([]*gocmd.LoadResult, 3)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := snap.LoadPackages(context.Background(), folder, env)
			if err != nil {
				t.Error(err)
			}
			results[i] = res
		}()
	}
	<-r.started
	close(r.release)
	wg.Wait()
	if n := r.loads.Load(); n != 2 {
		t.Errorf("%d loads; want 2 (the cancelled one, then one shared by three callers)", n)
	}
	for _, res := range results {
		if res == nil || res.Packages != 1 {
			t.Errorf("result %+v", res)
		}
	}
}

// TestLoadPanicReleasesWaiters: a runner that panics leaves no caller
// waiting forever.
func TestLoadPanicReleasesWaiters(t *testing.T) {
	r := &countingRunner{started: make(chan struct{}, 4), panics: true}
	snap, folder, env := goSnapshot(t, r, false)
	waiter := make(chan error, 1)
	go func() {
		defer func() { _ = recover() }()
		_, _ = snap.LoadPackages(context.Background(), folder, env)
	}()
	<-r.started
	go func() {
		defer func() {
			if recover() != nil {
				waiter <- errors.New("ran it again, and it panicked again")
			}
		}()
		_, err := snap.LoadPackages(context.Background(), folder, env)
		waiter <- err
	}()
	// Either the waiter got the panicked run's error, or (arriving after
	// it was dropped) ran the load again: never a hang.
	select {
	case err := <-waiter:
		if err == nil {
			t.Error("a waiter on a panicked load got no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a waiter on a panicked load hangs")
	}
}

// TestNoExecWhenUntrusted: an untrusted snapshot refuses every run.
func TestNoExecWhenUntrusted(t *testing.T) {
	r := &countingRunner{started: make(chan struct{}, 1), release: make(chan struct{})}
	snap, folder, env := goSnapshot(t, r, true)
	if _, err := snap.LoadPackages(context.Background(), folder, env); !errors.Is(err, ErrNoExec) {
		t.Errorf("untrusted load: %v, want ErrNoExec", err)
	}
	if _, err := snap.GoEnvJSON(context.Background(), folder, env); !errors.Is(err, ErrNoExec) {
		t.Errorf("untrusted go env: %v, want ErrNoExec", err)
	}
	if snap.Runner() != nil || r.loads.Load() != 0 {
		t.Error("an untrusted snapshot handed out its runner, or ran it")
	}
}
