package server

// This file keeps the snapshot current with the workspace: its first build,
// watched files, and workspace folder changes.

import (
	"context"
	"path/filepath"
	"slices"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// watchedGlobs are the files whose changes on disk matter to the checks.
var watchedGlobs = []string{
	"**/go.mod",
	"**/go.work",
	"**/go.sum",
	"**/vendor/modules.txt",
	"**/.devcontainer/**",
	"**/.devcontainer.json",
	"**/*.code-workspace",
	"**/.vscode/settings.json",
}

// ensureSnapshot builds the first snapshot if there is none. s.mu is held.
// The walk is bound to the connection, not to the request that happened to
// ask first: a cancelled request must not leave a half-walked snapshot.
func (s *server) ensureSnapshot() *workspace.Snapshot {
	ctx := s.ctx
	if s.state.snap != nil {
		return s.state.snap
	}
	opts := workspace.Options{
		Folders:           s.state.folders,
		CodeWorkspaceFile: s.state.options.workspaceFile(),
		Env:               s.opts.Env,
		Exec:              s.state.options.trusted(),
		Untrusted:         !s.state.options.trusted(),
		Runner:            s.opts.Runner,
		GoVersion:         s.opts.GoVersion,
		Logger:            s.opts.Logger.Named("workspace"),
		Seen:              &s.walked,
		Host:              s.opts.Host,
	}
	snap, err := workspace.New(ctx, opts)
	if snap == nil {
		s.log.Warn("cannot read the workspace file; using the folders alone",
			zap.String("file", opts.CodeWorkspaceFile), zap.Error(err))
		opts.CodeWorkspaceFile = ""
		snap, err = workspace.New(ctx, opts)
	}
	if err != nil && ctx.Err() == nil {
		s.log.Warn("building the workspace snapshot", zap.Error(err))
	}
	s.state.snap = snap
	return snap
}

// snapshot returns the current snapshot, building the first if needed.
func (s *server) snapshot() *workspace.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ensureSnapshot()
}

// update derives the next snapshot and schedules its diagnosis.
func (s *server) update(ctx context.Context, derive func(*workspace.Snapshot) *workspace.Snapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.snap = derive(s.ensureSnapshot())
	s.scheduleDiagnosis(s.opts.Debounce)
}

// registerWatchers asks the client to watch the files the checks read.
func (s *server) registerWatchers(ctx context.Context) {
	watchers := make([]protocol.FileSystemWatcher, 0, len(watchedGlobs))
	for _, g := range watchedGlobs {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: g})
	}
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              "gomend-watched-files",
		Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil && ctx.Err() == nil {
		s.log.Warn("cannot register file watchers", zap.Error(err))
	}
}

type fileEvent struct {
	URI  string                  `json:"uri"`
	Type protocol.FileChangeType `json:"type"`
}

func (s *server) didChangeWatchedFiles(ctx context.Context, r *request) (any, error) {
	var p struct {
		Changes []fileEvent `json:"changes"`
	}
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	var changes []workspace.FileChange
	for _, ev := range p.Changes {
		path, err := hostfs.URIToPath(ev.URI)
		if err != nil {
			s.log.Debug("ignoring a watched-file event", zap.String("uri", ev.URI), zap.Error(err))
			continue
		}
		kind := workspace.Changed
		switch ev.Type {
		case protocol.FileChangeTypeCreated:
			kind = workspace.Created
		case protocol.FileChangeTypeDeleted:
			kind = workspace.Deleted
		}
		changes = append(changes, workspace.FileChange{Path: path, Kind: kind})
	}
	if len(changes) == 0 {
		return nil, nil
	}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot {
		return snap.WithFileChanges(ctx, changes)
	})
	return nil, nil
}

func (s *server) didChangeWorkspaceFolders(ctx context.Context, r *request) (any, error) {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	folders := slices.Clone(s.state.folders)
	s.mu.Unlock()
	for _, f := range p.Event.Removed {
		if path, err := hostfs.URIToPath(f.URI); err == nil {
			folders = slices.DeleteFunc(folders, func(x string) bool { return x == filepath.Clean(path) })
		}
	}
	for _, f := range p.Event.Added {
		path, err := hostfs.URIToPath(f.URI)
		if err != nil {
			s.log.Warn("ignoring a workspace folder", zap.String("uri", f.URI), zap.Error(err))
			continue
		}
		if path = filepath.Clean(path); !slices.Contains(folders, path) {
			folders = append(folders, path)
		}
	}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot {
		s.state.folders = folders // s.mu is held by update
		return snap.WithFolders(ctx, folders)
	})
	return nil, nil
}
