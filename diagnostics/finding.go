// Package diagnostics decides: every check is a Rule in the registry, run
// over an immutable workspace.Snapshot, returning plain Findings. Nothing
// here knows about LSP, and no check does I/O except through the snapshot.
package diagnostics

import (
	"fmt"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
)

// Severity follows the policy of CHECKS.md; the values equal LSP's
// DiagnosticSeverity so the server can pass them through.
type Severity int

const (
	// Error: the Go tools cannot load this workspace (or part of it) as configured.
	Error Severity = 1
	// Warning: gopls/go will silently do something other than what the user
	// expects (missing packages, wrong root, features quietly degraded, security weakened).
	Warning Severity = 2
	// Info: suspicious or suboptimal; works today.
	Info Severity = 3
	// Hint: a cleanup, shown as a faint underline only.
	Hint Severity = 4
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	case Hint:
		return "hint"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity is the inverse of String.
func ParseSeverity(s string) (Severity, bool) {
	for _, v := range []Severity{Error, Warning, Info, Hint} {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// Finding is one problem, anchored on the line at fault.
type Finding struct {
	Check    string
	Severity Severity
	Message  string
	// File is absolute, in the folder's spelling (symlinks not resolved).
	File  string
	Range textpos.Range
	// Source names the evidence: "go.mod", "go.work", ".code-workspace"…
	Source  string
	Related []Related
	Fixes   []fix.Fix
}

// Related is a secondary location that explains a finding.
type Related struct {
	File    string
	Range   textpos.Range
	Message string
}
