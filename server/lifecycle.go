package server

// This file handles the lifecycle: initialize, initialized, shutdown (exit
// is handled as it arrives, in middleware.go).

import (
	"context"
	"encoding/json"
	"path/filepath"
	"runtime/debug"
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/hostfs"
)

// Commands are the workspace/executeCommand commands (docs/lsp.md).
const (
	cmdRepairWorkspace = "gomend.repairWorkspace"
	cmdExplain         = "gomend.explain"
	cmdReport          = "gomend.report"
	cmdAnalyzeTrace    = "gomend.analyzeTrace"
)

// fixAllKind is the code action kind that bundles every exact fix of a file.
const fixAllKind protocol.CodeActionKind = "source.fixAll.gomend"

func (s *server) initialize(ctx context.Context, r *request) (any, error) {
	var p initializeParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	var opts initOptions
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		if err := json.Unmarshal(p.InitializationOptions, &opts); err != nil {
			s.log.Warn("ignoring initializationOptions that do not parse", zap.Error(err))
			opts = initOptions{}
		}
	}
	if bad := diagnostics.Selection(opts.Checks).Unknown(); len(bad) > 0 {
		s.log.Warn("initializationOptions.checks names unknown checks", zap.Strings("checks", bad))
	}
	folders := s.foldersOf(p)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.phase = running
	s.state.caps = p.Capabilities
	s.state.options = opts
	s.state.folders = folders
	client := ""
	if p.ClientInfo != nil {
		client = p.ClientInfo.Name + " " + p.ClientInfo.Version
	}
	s.log.Info("client attached", zap.String("client", client), zap.Strings("folders", folders), zap.Bool("trusted", opts.trusted()))

	return initializeResult{
		Capabilities: serverCapabilities{
			TextDocumentSync: textDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
				Save:      protocol.SaveOptions{IncludeText: false},
			},
			CodeActionProvider: codeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, fixAllKind},
			},
			ExecuteCommandProvider: protocol.ExecuteCommandOptions{
				Commands: []string{cmdRepairWorkspace, cmdExplain, cmdReport, cmdRunGo, cmdAnalyzeTrace},
			},
			Workspace: workspaceCapabilities{
				WorkspaceFolders: protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
			},
		},
		ServerInfo: protocol.ServerInfo{Name: "gomend", Version: version()},
	}, nil
}

// foldersOf returns the folders to check: workspaceFolders, else rootUri,
// converted to paths but otherwise kept as sent (symlinks unresolved: the
// symlink checks must see what the editor sees).
func (s *server) foldersOf(p initializeParams) []string {
	uris := make([]string, 0, len(p.WorkspaceFolders))
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != "" {
		uris = append(uris, p.RootURI)
	}
	var folders []string
	for _, u := range uris {
		path, err := hostfs.URIToPath(u)
		if err != nil {
			s.log.Warn("ignoring a workspace folder", zap.String("uri", u), zap.Error(err))
			continue
		}
		folders = append(folders, filepath.Clean(path))
	}
	return folders
}

func (o initOptions) trusted() bool { return o.Trusted == nil || *o.Trusted }

// workspaceFile is the .code-workspace path; a file URI is accepted too.
func (o initOptions) workspaceFile() string {
	if o.WorkspaceFile == nil || *o.WorkspaceFile == "" {
		return ""
	}
	f := *o.WorkspaceFile
	if strings.HasPrefix(f, "file:") {
		if p, err := hostfs.URIToPath(f); err == nil {
			return p
		}
	}
	return f
}

// initialized builds the first snapshot (walking the folders) and asks for
// watched files. It runs in its turn, so messages after it see the snapshot.
func (s *server) initialized(ctx context.Context, r *request) (any, error) {
	s.mu.Lock()
	walked := make(chan struct{})
	if s.state.caps.Window.WorkDoneProgress {
		s.goBackground(func() { s.reportWalk(walked) })
	}
	s.ensureSnapshot()
	close(walked)
	s.scheduleDiagnosis(0)
	caps := s.state.caps
	s.mu.Unlock()

	if caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		// In turn, so every later message is handled after the client
		// has the watchers (its reply comes through the read loop).
		s.registerWatchers(ctx)
	} else {
		s.log.Info("the client cannot register file watchers; go.mod/go.work changes on disk are seen only through open documents")
	}
	if caps.Workspace.Configuration {
		// TODO: read go, gopls and terminal.integrated.env.* here (DESIGN.md).
		s.log.Debug("not reading the go and gopls settings through workspace/configuration yet")
	}
	return nil, nil
}

func (s *server) shutdown(ctx context.Context, r *request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.phase = shutDown
	if s.state.cancelDiagnosis != nil {
		s.state.cancelDiagnosis()
	}
	return nil, nil
}

// version is the module version gomend was built as, "(devel)" from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
