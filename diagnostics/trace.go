// gopls traces and logs (CHECKS.md §E). A trace is evidence: what gopls
// saw and said. Each piece is reported under the ID of the problem it
// shows (cache-unwritable, multi-module-no-gowork, …), anchored on the
// trace line, with the configuration line that fixes it when the
// workspace is at hand; what fits no other check gets a trace-only ID.
// This file registers the rules and holds what they share; the reasoning
// is in trace_evidence.go.
package diagnostics

import (
	"context"

	"github.com/gomend/gomend/internal/goplstrace"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "trace-orphaned-file", Family: "trace", Severity: Warning,
			Title: "gopls found no package for an open file, and no configuration check explains it",
			Run:   traceRule(evidenceOrphan)},
		&Rule{ID: "trace-load-failed", Family: "trace", Severity: Error,
			Title: "gopls could not load the workspace",
			Run:   traceRule(evidenceLoad)},
		&Rule{ID: "trace-server-crash", Family: "trace", Severity: Error,
			Title: "gopls crashed or lost its connection",
			Run:   traceRule(evidenceCrash)},
		&Rule{ID: "trace-slow-load", Family: "trace", Severity: Info,
			Title: "gopls's initial workspace load took longer than 10 s",
			Run:   traceRule(evidenceSlow)},
		&Rule{ID: "trace-unrecognized", Family: "trace", Severity: Info,
			Title: "The file looks like a trace, but no record could be read",
			Run:   traceRule(evidenceUnrecognized)},
	)
}

// evidenceKind sorts trace evidence by the trace rule that reports it,
// whatever check ID it ends up under: turning a trace rule off (or
// selecting it alone) selects that kind of evidence.
type evidenceKind int

const (
	evidenceLoad         evidenceKind = iota // load errors, views, env, versions
	evidenceOrphan                           // files gopls found no package for
	evidenceCrash                            // panics, lost connections
	evidenceSlow                             // slow initial loads
	evidenceUnrecognized                     // nothing readable
)

// traceFinding is a finding and the kind of evidence behind it.
type traceFinding struct {
	kind evidenceKind
	Finding
}

type traceFindingsKey struct{}

// traceRule returns a rule body reporting one kind of evidence from every
// trace of the snapshot.
func traceRule(kind evidenceKind) func(context.Context, *workspace.Snapshot) []Finding {
	return func(ctx context.Context, snap *workspace.Snapshot) []Finding {
		var out []Finding
		for _, tf := range traceFindings(ctx, snap) {
			if tf.kind == kind {
				out = append(out, tf.Finding)
			}
		}
		return out
	}
}

// traceFindings analyses every trace once per snapshot.
func traceFindings(ctx context.Context, snap *workspace.Snapshot) []traceFinding {
	v := snap.Memo(traceFindingsKey{}, func() any {
		out := []traceFinding{}
		for _, path := range snap.Traces() {
			if ctx.Err() != nil {
				return nil
			}
			sum, err := snap.TraceSummary(path)
			if err != nil {
				out = append(out, traceFinding{evidenceUnrecognized, Finding{Check: "trace-unrecognized", Severity: Warning,
					File: path, Source: "trace", Message: "gomend could not read this trace: " + err.Error()}})
				continue
			}
			a := &traceAnalysis{snap: snap, path: path, sum: sum}
			out = append(out, a.run()...)
		}
		return out
	})
	tf, _ := v.([]traceFinding)
	return tf
}

// lineRange is the whole of 1-based line n of a trace, for an anchor.
// Only the line number is known (the trace may be gigabytes and is not
// kept), so the range starts at its first column and ends there: editors
// underline the word at the position.
func traceLine(n int) textpos.Range {
	if n < 1 {
		n = 1
	}
	p := textpos.Position{Line: n - 1}
	return textpos.Range{Start: p, End: p}
}

// traceSummaryFormat names a trace's format for a message.
func traceSummaryFormat(sum *goplstrace.Summary) string {
	if sum.Format == goplstrace.FormatUnknown || sum.Format == "" {
		return "no known trace format"
	}
	return string(sum.Format)
}
