package server

// This file turns findings into textDocument/publishDiagnostics, one
// notification per file, clearing files whose problems are gone.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/docs"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// diagnosticSource is every gomend diagnostic's source.
const diagnosticSource = "gomend"

// published is what the client currently shows; guarded by server.pubMu.
type published struct {
	seq      uint64          // the snapshot last published
	complete bool            // and whether that was its complete diagnosis
	uris     map[string]bool // files with at least one diagnostic
}

// diagnosisPhase says whether a publish is the static checks' alone (the
// go-command checks still running) or the complete diagnosis.
type diagnosisPhase string

const (
	phaseStatic   diagnosisPhase = "static"
	phaseComplete diagnosisPhase = "complete"
)

// publish sends every file's diagnostics, and an empty list to each file
// that had some and has none now. A diagnosis that was cancelled, or that
// is older than the one already published, sends nothing.
func (s *server) publish(ctx context.Context, snap *workspace.Snapshot, findings []diagnostics.Finding, caps clientCapabilities, took time.Duration, phase diagnosisPhase) {
	complete := phase == phaseComplete
	// Computed before the lock: with the go command allowed, it may run
	// go env -json (usually already run, and remembered, by the checks).
	environment := diagnostics.Environment(ctx, snap, complete)
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	// Newer snapshots win; one snapshot publishes its static findings,
	// then its complete ones, never the other way round.
	if ctx.Err() != nil || snap.Seq() < s.pub.seq || snap.Seq() == s.pub.seq && (s.pub.complete || !complete) {
		return
	}
	s.pub.seq, s.pub.complete = snap.Seq(), complete

	byURI := map[string][]diagnostic{}
	versions := map[string]*int32{}
	for _, f := range findings {
		if f.File == "" {
			continue // status only (untrusted-workspace): gomend/checked carries it
		}
		uri := hostfs.PathToURI(f.File)
		byURI[uri] = append(byURI[uri], toDiagnostic(f, caps))
		if o, ok := snap.Overlay(f.File); ok && caps.TextDocument.PublishDiagnostics.VersionSupport {
			v := o.Version
			versions[uri] = &v
		}
	}
	for uri := range s.pub.uris {
		if _, ok := byURI[uri]; !ok {
			byURI[uri] = []diagnostic{} // gone: an empty list, never null
		}
	}
	uris := make([]string, 0, len(byURI))
	for uri := range byURI {
		uris = append(uris, uri)
	}
	slices.Sort(uris)

	s.pub.uris = map[string]bool{}
	for _, uri := range uris {
		if len(byURI[uri]) > 0 {
			s.pub.uris[uri] = true
		}
		// Written with the connection's context: once the first file is
		// out, the rest must follow, or the client would show a mix.
		params := publishDiagnosticsParams{URI: uri, Version: versions[uri], Diagnostics: byURI[uri]}
		if err := s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, params); err != nil {
			if s.ctx.Err() == nil {
				s.log.Warn("cannot publish diagnostics", zap.String("uri", uri), zap.Error(err))
			}
			return
		}
	}
	// Tell the client a diagnosis finished, so a status display can say
	// "OK" only once the workspace was actually checked: a clean workspace
	// publishes nothing at all.
	p := summarize(snap, findings, took)
	p.Phase = phase
	p.Trusted = !snap.Untrusted()
	p.Environment = environment
	for _, f := range findings {
		if f.File == "" {
			p.Notices = append(p.Notices, notice{Check: f.Check, Severity: f.Severity.String(), Message: f.Message})
		}
	}
	if err := s.conn.Notify(s.ctx, methodChecked, p); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot send "+methodChecked, zap.Error(err))
	}
}

// methodChecked is gomend's own notification, sent after every published
// diagnosis (documented in docs/lsp.md).
const methodChecked = "gomend/checked"

// checkedParams summarizes one diagnosis.
type checkedParams struct {
	Snapshot uint64 `json:"snapshot"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Infos    int    `json:"infos"`
	Hints    int    `json:"hints"`
	// DurationMs is how long the checks ran, in milliseconds: the cost of
	// a recheck inside the server, which the benchmarks report.
	DurationMs float64 `json:"durationMs"`
	// Phase is "static" when the go-command checks are still to come (a
	// second notification follows), "complete" when every check ran.
	Phase diagnosisPhase `json:"phase"`
	// Trusted is the workspace trust the server runs with.
	Trusted bool `json:"trusted"`
	// Environment is what gopls would get in each folder.
	Environment []diagnostics.FolderEnvironment `json:"environment"`
	// Notices are findings without a file (untrusted-workspace), which
	// only a status display can show.
	Notices []notice `json:"notices,omitempty"`
}

type notice struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func summarize(snap *workspace.Snapshot, findings []diagnostics.Finding, took time.Duration) checkedParams {
	p := checkedParams{Snapshot: snap.Seq(), DurationMs: float64(took.Microseconds()) / 1000}
	for _, f := range findings {
		switch f.Severity {
		case diagnostics.Error:
			p.Errors++
		case diagnostics.Warning:
			p.Warnings++
		case diagnostics.Info:
			p.Infos++
		default:
			p.Hints++
		}
	}
	return p
}

func toDiagnostic(f diagnostics.Finding, caps clientCapabilities) diagnostic {
	d := diagnostic{
		Range:    f.Range,
		Severity: int(f.Severity),
		Code:     f.Check,
		Source:   diagnosticSource,
		Message:  f.Message,
		Data:     &diagnosticData{Check: f.Check, File: f.File, Range: f.Range, Fixes: fingerprint(f.Fixes)},
	}
	if caps.TextDocument.PublishDiagnostics.CodeDescriptionSupport {
		d.CodeDescription = &codeDescription{Href: docs.HrefBase + f.Check + ".md"}
	}
	for _, r := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, relatedInformation{
			Location: location{URI: hostfs.PathToURI(r.File), Range: r.Range},
			Message:  r.Message,
		})
	}
	return d
}

// fingerprint identifies a fix set, so codeAction can tell which finding
// a diagnostic was when several share check, file and range.
func fingerprint(fixes []fix.Fix) string {
	data, _ := json.Marshal(fixes)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}
