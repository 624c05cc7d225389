package diagnostics

// The manual fixes that run the go command ("Run go mod tidy", "Install
// the latest gopls"): the command the server executes for them, and what
// it may run.

import (
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// cmdRunGo is the server command behind "Run go mod tidy" and the like.
const cmdRunGo = "gomend.runGo"

// RunGoCommand is cmdRunGo, for the server that executes it.
const RunGoCommand = cmdRunGo

// AllowedGoCommand reports whether args is a go command a fix of ours
// offers — the only ones gomend.runGo runs: go mod tidy|vendor|download,
// go work vendor, go get PACKAGE, go install golang.org/x/tools/gopls@VERSION.
func AllowedGoCommand(args []string) bool {
	switch {
	case len(args) == 2 && args[0] == "mod":
		return args[1] == "tidy" || args[1] == "vendor" || args[1] == "download"
	case len(args) == 2 && args[0] == "work":
		return args[1] == "vendor"
	case len(args) == 2 && args[0] == "get":
		return module.CheckImportPath(args[1]) == nil
	case len(args) == 2 && args[0] == "install":
		v, ok := strings.CutPrefix(args[1], goplsModule+"@")
		return ok && (v == "latest" || semver.IsValid(v))
	}
	return false
}

// GoplsEnv is the environment gopls would get in the folder that holds dir
// (false when no folder does).
func GoplsEnv(snap *workspace.Snapshot, dir string) (map[string]string, bool) {
	for _, f := range snap.Folders() {
		if hostfs.Within(f.Path, dir) {
			return envOf(snap, f).gopls.Map(), true
		}
	}
	return nil, false
}

// RunGoArgs are the arguments of cmdRunGo.
type RunGoArgs struct {
	Dir  string   `json:"dir"`
	Args []string `json:"args"`
}

// RunGoArgsOf is the go command a fix runs through gomend.runGo, if any.
func RunGoArgsOf(fx fix.Fix) (RunGoArgs, bool) {
	if fx.Command == nil || fx.Command.Command != cmdRunGo || len(fx.Command.Arguments) != 1 {
		return RunGoArgs{}, false
	}
	args, ok := fx.Command.Arguments[0].(RunGoArgs)
	return args, ok
}

// runGoFix is a manual fix that runs `go args…` in dir.
func runGoFix(dir string, args ...string) fix.Fix {
	title := "Run go " + strings.Join(args, " ")
	return fix.Fix{Title: title, Applicability: fix.Manual,
		Command: &fix.Command{Title: title, Command: cmdRunGo, Arguments: []any{RunGoArgs{Dir: dir, Args: args}}}}
}
