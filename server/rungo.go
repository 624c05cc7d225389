package server

// This file answers gomend.runGo, the command behind the manual fixes
// "Run go mod tidy", "Run go mod vendor", "Run go mod download", "Run go
// get …" and "Install the latest gopls": it runs the go command in the
// module's directory with the environment gopls would see, shows the
// outcome, logs the output, and rechecks the module's files.

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/workspace"
)

const cmdRunGo = diagnostics.RunGoCommand

type runGoResult struct {
	OK     bool   `json:"ok"`
	Output string `json:"output"`
}

func (s *server) runGo(ctx context.Context, r *request, raw []json.RawMessage) (any, error) {
	var args diagnostics.RunGoArgs
	if len(raw) != 1 || json.Unmarshal(raw[0], &args) != nil {
		return nil, fmt.Errorf("%w: %s takes {\"dir\": …, \"args\": […]}", jsonrpc2.ErrInvalidParams, cmdRunGo)
	}
	if !diagnostics.AllowedGoCommand(args.Args) {
		return nil, fmt.Errorf("%w: %s runs only the go commands gomend's fixes offer, not go %s", jsonrpc2.ErrInvalidParams, cmdRunGo, strings.Join(args.Args, " "))
	}
	snap := s.snapshot()
	runner := snap.Runner()
	if runner == nil {
		return nil, fmt.Errorf("%w: the go command does not run in an untrusted workspace", jsonrpc2.ErrInvalidRequest)
	}
	dir := filepath.Clean(args.Dir)
	env, ok := diagnostics.GoplsEnv(snap, dir)
	if !ok || !filepath.IsAbs(dir) {
		return nil, fmt.Errorf("%w: %s is not in a workspace folder", jsonrpc2.ErrInvalidParams, args.Dir)
	}
	inv, err := snap.GoInvocation(dir, env)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", jsonrpc2.ErrInvalidRequest, err)
	}
	// It may take minutes (downloads): let the next messages through.
	r.release()
	command := "go " + strings.Join(args.Args, " ")
	s.log.Info("running", zap.String("command", command), zap.String("dir", dir))
	out, runErr := runner.Run(ctx, inv, args.Args...)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	res := runGoResult{OK: runErr == nil, Output: string(out)}
	s.logMessage(protocol.MessageTypeLog, fmt.Sprintf("%s in %s:\n%s", command, dir, out))
	if runErr != nil {
		s.showMessage(protocol.MessageTypeError, fmt.Sprintf("%s failed in %s: %s", command, dir, lastLines(string(out), 3, runErr)))
	} else {
		s.showMessage(protocol.MessageTypeInfo, fmt.Sprintf("%s finished in %s.", command, dir))
	}
	// What the go command may have written: check it again (the watcher
	// would tell us too, but not every client watches go.sum or vendor/).
	var changes []workspace.FileChange
	for _, name := range []string{"go.mod", "go.sum", filepath.Join("vendor", "modules.txt")} {
		changes = append(changes, workspace.FileChange{Path: filepath.Join(dir, name), Kind: workspace.Changed})
	}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot { return snap.WithFileChanges(ctx, changes) })
	return res, nil
}

// lastLines is the end of a command's output, for a one-line message.
func lastLines(out string, n int, err error) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	text := strings.TrimSpace(strings.Join(lines, " "))
	if text == "" {
		return err.Error()
	}
	return text
}

func (s *server) showMessage(typ protocol.MessageType, msg string) {
	if err := s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage, protocol.ShowMessageParams{Type: typ, Message: msg}); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot show a message", zap.Error(err))
	}
}

func (s *server) logMessage(typ protocol.MessageType, msg string) {
	if err := s.conn.Notify(s.ctx, protocol.MethodWindowLogMessage, protocol.LogMessageParams{Type: typ, Message: msg}); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot log a message", zap.Error(err))
	}
}
