package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/vscode"
	"github.com/gomend/gomend/internal/workspace"
)

// target is what the FOLDER arguments name: folders, and perhaps the
// .code-workspace file they came from.
type target struct {
	folders       []string
	codeWorkspace string
	traces        []string // gopls traces to analyse
}

// resolveTarget turns FOLDER arguments into absolute paths, lexically
// (filepath.Abs, symlinks kept: the checks must see what the user named).
// This is the only place gomend looks at the working directory.
func resolveTarget(args []string) (target, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var t target
	var plain []string
	for _, a := range args {
		p, err := filepath.Abs(a)
		if err != nil {
			return t, fmt.Errorf("cannot make %s absolute: %w", a, err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			return t, fmt.Errorf("folder %s does not exist", a)
		}
		if strings.HasSuffix(p, ".code-workspace") && fi.Mode().IsRegular() {
			if t.codeWorkspace != "" {
				return t, fmt.Errorf("only one .code-workspace file at a time (got %s and %s)", t.codeWorkspace, p)
			}
			t.codeWorkspace = p
			continue
		}
		if !fi.IsDir() {
			return t, fmt.Errorf("%s is not a folder or a .code-workspace file", a)
		}
		plain = append(plain, p)
	}
	if t.codeWorkspace != "" {
		data, err := os.ReadFile(t.codeWorkspace)
		if err != nil {
			return t, fmt.Errorf("reading %s: %w", t.codeWorkspace, err)
		}
		cw := vscode.ParseCodeWorkspace(t.codeWorkspace, data)
		if cw.Err != nil {
			return t, fmt.Errorf("%s is not valid JSONC: %v", t.codeWorkspace, cw.Err)
		}
		for _, e := range cw.Folders {
			t.folders = append(t.folders, e.Path)
		}
		if len(t.folders) == 0 {
			return t, fmt.Errorf("%s lists no local folders", t.codeWorkspace)
		}
	}
	t.folders = append(t.folders, plain...)
	return t, nil
}

// snapshot builds the workspace snapshot the checks run over.
func (c *cli) snapshot(ctx context.Context, t target, exec bool, host hostfs.Host) (*workspace.Snapshot, error) {
	var seen atomic.Int64
	stop := c.startProgress(&seen)
	snap, err := workspace.New(ctx, workspace.Options{
		Folders:           t.folders,
		CodeWorkspaceFile: t.codeWorkspace,
		Env:               c.env,
		Exec:              exec,
		Runner:            gocmd.Exec{},
		GoVersion:         goenv.LocalGoVersion(c.env),
		Logger:            c.logger(),
		Seen:              &seen,
		Host:              host,
		Traces:            t.traces,
	})
	stop()
	if err != nil {
		return nil, err
	}
	for _, f := range snap.Folders() {
		if err := snap.WalkError(f.Path); err != nil {
			fmt.Fprintf(c.stderr, "gomend: cannot read folder %s: %v\n", f.Path, err)
		}
	}
	return snap, nil
}

// probe describes this machine (a mountinfo line that does not parse is
// logged and skipped).
func (c *cli) probe() hostfs.Host {
	log := c.logger().Sugar()
	return hostfs.Probe(c.env, log.Warnf)
}

// host is the machine to diagnose for: --host FILE (made absolute here, at
// the edge, like the FOLDER arguments), its missing fields probed; or this
// machine.
func (c *cli) host(file string) (hostfs.Host, error) {
	if file == "" {
		return c.probe(), nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return hostfs.Host{}, fmt.Errorf("--host %s: %w", file, err)
	}
	return hostfs.LoadHost(abs, c.probe())
}

// logger writes warnings and errors to stderr, never stdout.
func (c *cli) logger() *zap.Logger {
	return newLogger(c.stderr, zapcore.WarnLevel, false)
}

// newLogger logs to w in zap's console format; the server's long-running
// logs carry timestamps, a one-shot command's do not.
func newLogger(w io.Writer, level zapcore.Level, timestamps bool) *zap.Logger {
	cfg := zap.NewDevelopmentEncoderConfig()
	cfg.TimeKey = ""
	if timestamps {
		cfg = zap.NewDevelopmentEncoderConfig()
		cfg.EncodeTime = zapcore.ISO8601TimeEncoder
	}
	core := zapcore.NewCore(zapcore.NewConsoleEncoder(cfg), zapcore.AddSync(w), level)
	return zap.New(core).Named("gomend")
}
