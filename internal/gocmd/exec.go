package gocmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Exec is the Runner that runs the real go command.
type Exec struct {
	// Budget bounds go env and loading (default 20 s and 60 s).
	EnvBudget, LoadBudget time.Duration
	// RunBudget bounds a command the user asked for (default 5 min).
	RunBudget time.Duration
	// Self is the executable that serves loads as a child process
	// (default os.Executable()); see child.go.
	Self string
}

const maxOutput = 8 << 20 // bytes kept from one command's stdout

func (x Exec) budget(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// GoEnv runs `go env -json`.
func (x Exec) GoEnv(ctx context.Context, inv Invocation) (map[string]string, error) {
	budget := x.budget(x.EnvBudget, 20*time.Second)
	out, err := run(ctx, budget, inv.Go, inv.Dir, safeEnv(inv.Env), nil, "env", "-json")
	if err != nil {
		return nil, &Error{Op: "go env -json", Dir: inv.Dir, Stderr: err.stderr, Err: err.err}
	}
	var vars map[string]string
	if jerr := json.Unmarshal(out, &vars); jerr != nil {
		return nil, &Error{Op: "go env -json", Dir: inv.Dir, Err: fmt.Errorf("printed something that is not JSON: %q", clip(out, 80))}
	}
	return vars, nil
}

// Load runs go/packages in a child process (see child.go): go/packages
// runs the go of its own process's PATH, and the child's is ours to set.
// The child also keeps a huge load's memory out of the server.
func (x Exec) Load(ctx context.Context, inv Invocation, patterns ...string) (*LoadResult, error) {
	budget := x.budget(x.LoadBudget, 60*time.Second)
	self := x.Self
	if self == "" {
		var err error
		if self, err = os.Executable(); err != nil {
			return nil, &Error{Op: "loading packages", Dir: inv.Dir, Err: err}
		}
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	req, _ := json.Marshal(childRequest{Dir: inv.Dir, Patterns: patterns, MaxErrors: MaxErrors})
	env := safeEnv(inv.Env, childEnv+"=1",
		// The go the caller vetted comes first, so the child's go/packages runs it.
		"PATH="+filepath.Dir(inv.Go)+string(filepath.ListSeparator)+inv.Env["PATH"])
	out, err := run(ctx, budget, self, inv.Dir, env, req)
	if err != nil {
		return nil, &Error{Op: "loading packages", Dir: inv.Dir, Stderr: err.stderr, Err: err.err}
	}
	var res LoadResult
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		return nil, &Error{Op: "loading packages", Dir: inv.Dir, Err: fmt.Errorf("the loader printed something that is not JSON: %q", clip(out, 80))}
	}
	return &res, nil
}

// Run runs a go subcommand the user chose, with their environment as it
// is (the network may be needed), and returns stdout and stderr together.
func (x Exec) Run(ctx context.Context, inv Invocation, args ...string) ([]byte, error) {
	budget := x.budget(x.RunBudget, 5*time.Minute)
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	cmd := command(ctx, inv.Go, inv.Dir, flatten(inv.Env, nil), args...)
	var buf limitedBuffer
	buf.max = maxOutput
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if err != nil {
		err = &Error{Op: "go " + strings.Join(args, " "), Dir: inv.Dir, Err: budgetErr(ctx, budget, err)}
	}
	return buf.Bytes(), err
}

type runErr struct {
	stderr string
	err    error
}

// run runs name with a time budget and bounded output; stdin is optional.
func run(ctx context.Context, budget time.Duration, name, dir string, env []string, stdin []byte, args ...string) ([]byte, *runErr) {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	cmd := command(ctx, name, dir, env, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr limitedBuffer
	stdout.max, stderr.max = maxOutput, 64<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, &runErr{stderr: strings.TrimSpace(clip(stderr.Bytes(), 2000)), err: budgetErr(ctx, budget, err)}
	}
	if stdout.dropped {
		return nil, &runErr{err: fmt.Errorf("printed more than %d bytes", maxOutput)}
	}
	return stdout.Bytes(), nil
}

// command is name run with args in dir, under ctx, with env and PWD (the
// go command trusts PWD for the paths it prints, as gopls sets it).
func command(ctx context.Context, name, dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(env, "PWD="+dir) // os/exec keeps the last of a duplicate
	cmd.WaitDelay = time.Second       // a grandchild holding the pipes open must not hang us
	return cmd
}

// limitedBuffer keeps the first max bytes written and drops the rest,
// so a runaway command cannot fill our memory.
// (Not an embedded bytes.Buffer: io.Copy would use its ReadFrom and
// bypass the limit.)
type limitedBuffer struct {
	buf     bytes.Buffer
	max     int
	dropped bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room < len(p) {
		b.dropped = true
		if room > 0 {
			b.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *limitedBuffer) Bytes() []byte { return b.buf.Bytes() }

var _ io.Writer = (*limitedBuffer)(nil)

// clip is data as a string, cut at n bytes.
func clip(data []byte, n int) string {
	if len(data) > n {
		return string(data[:n]) + "…"
	}
	return string(data)
}

// IsTimeout reports an error caused by the time budget.
func IsTimeout(err error) bool { return errors.Is(err, ErrTimeout) }
