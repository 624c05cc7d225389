package workspace

// The go command, for the checks that need it. Every run goes through
// here: only when the snapshot permits execution, only a go found outside
// the workspace folders, and once per snapshot and input (a check and a
// code action asking for the same load share one run).

import (
	"context"
	"debug/buildinfo"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/hostfs"
)

// ErrNoExec is returned when the snapshot does not permit running the go
// command (untrusted workspace, --no-exec).
var ErrNoExec = errors.New("running the go command is not permitted here")

// Untrusted reports a workspace the editor does not trust.
func (s *Snapshot) Untrusted() bool { return s.untrusted }

// GoEnvJSON is `go env -json` in dir with env (the environment gopls would
// see), run safely (see gocmd).
func (s *Snapshot) GoEnvJSON(ctx context.Context, dir string, env map[string]string) (map[string]string, error) {
	v, err := s.goCall(ctx, goCallKey{"env", dir, envKey(env)}, dir, env, func(ctx context.Context, inv gocmd.Invocation) (any, error) {
		return s.runner.GoEnv(ctx, inv)
	})
	vars, _ := v.(map[string]string)
	return vars, err
}

// LoadPackages loads patterns (default ./...) in dir with env, without
// type checking.
func (s *Snapshot) LoadPackages(ctx context.Context, dir string, env map[string]string, patterns ...string) (*gocmd.LoadResult, error) {
	key := goCallKey{"load " + strings.Join(patterns, " "), dir, envKey(env)}
	v, err := s.goCall(ctx, key, dir, env, func(ctx context.Context, inv gocmd.Invocation) (any, error) {
		return s.runner.Load(ctx, inv, patterns...)
	})
	res, _ := v.(*gocmd.LoadResult)
	return res, err
}

// GoInvocation is how the go command would be run in dir with env: the go
// env's PATH finds, vetted. It fails when execution is not permitted, no
// go is found, or the go found lies inside a workspace folder (running it
// would run the workspace's code).
func (s *Snapshot) GoInvocation(dir string, env map[string]string) (gocmd.Invocation, error) {
	if !s.exec {
		return gocmd.Invocation{}, ErrNoExec
	}
	gobin := s.GoCommandIn(env)
	if gobin == "" {
		return gocmd.Invocation{}, fmt.Errorf("no go command on the PATH %q", env["PATH"])
	}
	if folder, ok := s.inFolder(gobin); ok {
		return gocmd.Invocation{}, fmt.Errorf("the go command %s lies inside the workspace folder %s: gomend does not run programs from the workspace", gobin, folder)
	}
	return gocmd.Invocation{Go: gobin, Dir: dir, Env: env}, nil
}

// Runner is the go command runner (nil when execution is not permitted).
func (s *Snapshot) Runner() gocmd.Runner {
	if !s.exec {
		return nil
	}
	return s.runner
}

// inFolder reports the folder that holds path, lexically or once both are
// resolved (a PATH entry may reach the workspace through a symlink).
func (s *Snapshot) inFolder(path string) (string, bool) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = path
	}
	for _, f := range s.folders {
		if hostfs.Within(f.Path, path) || hostfs.Within(f.Path, real) {
			return f.Path, true
		}
		if fr, err := filepath.EvalSymlinks(f.Path); err == nil && (hostfs.Within(fr, path) || hostfs.Within(fr, real)) {
			return f.Path, true
		}
	}
	return "", false
}

type goCallKey struct{ op, dir, env string }

// goCall is one go command run shared by every caller on a snapshot.
type goCall struct {
	done chan struct{}
	val  any
	err  error
}

// goCall runs f once per key. A run cut short by cancellation is not
// kept: the next caller runs it again.
func (s *Snapshot) goCall(ctx context.Context, key goCallKey, dir string, env map[string]string, f func(context.Context, gocmd.Invocation) (any, error)) (any, error) {
	inv, err := s.GoInvocation(dir, env)
	if err != nil {
		return nil, err
	}
	for {
		s.mu.Lock()
		c, ok := s.calls[key]
		if !ok {
			c = &goCall{done: make(chan struct{})}
			s.calls[key] = c
		}
		s.mu.Unlock()
		if !ok {
			s.runCall(ctx, key, c, func() (any, error) { return f(ctx, inv) })
			return c.val, c.err
		}
		select {
		case <-c.done:
			if errors.Is(c.err, context.Canceled) && ctx.Err() == nil {
				continue // its caller gave up; ours has not
			}
			return c.val, c.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// runCall runs one call and releases its waiters however it ends. A run
// cut short (cancelled, or a panic, which the server recovers) is not
// kept: the next caller runs it again.
func (s *Snapshot) runCall(ctx context.Context, key goCallKey, c *goCall, f func() (any, error)) {
	completed := false
	defer func() {
		if !completed || ctx.Err() != nil {
			s.mu.Lock()
			delete(s.calls, key)
			s.mu.Unlock()
			c.val, c.err = nil, ctx.Err()
			if c.err == nil {
				c.err = errors.New("running the go command failed unexpectedly")
			}
		}
		close(c.done)
	}()
	c.val, c.err = f()
	completed = true
}

// envKey identifies an environment in a memo key.
func envKey(env map[string]string) string {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(env[k])
		b.WriteByte(0)
	}
	return b.String()
}

// BuildInfo is what a Go binary says about itself (the facts `gopls
// version` prints), read from the file without running it.
type BuildInfo struct {
	// Main is the main module's path ("golang.org/x/tools/gopls") and
	// Version its version ("v0.24.0", "(devel)").
	Main, Version string
	// GoVersion is the Go that built it ("go1.26.8").
	GoVersion string
}

// BinaryInfo reads path's Go build information, once per snapshot.
func (s *Snapshot) BinaryInfo(path string) (BuildInfo, error) {
	type result struct {
		bi  BuildInfo
		err error
	}
	v := s.Memo(binaryInfoKey{path}, func() any {
		bi, err := buildinfo.ReadFile(path)
		if err != nil {
			return result{err: err}
		}
		return result{bi: BuildInfo{Main: bi.Main.Path, Version: bi.Main.Version, GoVersion: bi.GoVersion}}
	}).(result)
	return v.bi, v.err
}

type binaryInfoKey struct{ path string }

// FileHead is the first n bytes of a file (to tell a script from a binary).
func (s *Snapshot) FileHead(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	m, _ := io.ReadFull(f, buf)
	return buf[:m]
}
