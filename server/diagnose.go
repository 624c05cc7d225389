package server

// This file reruns the checks after every change: debounced, and cancelled
// by the next change (gopls's needsDiagnosis/diagnoseSnapshot pattern).

import (
	"context"
	"time"

	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/workspace"
)

// scheduleDiagnosis cancels the running diagnosis and starts one of the
// current snapshot after delay: the debounce after an edit, none for the
// first diagnosis (nothing to coalesce). The notification that caused it
// returns at once; the work runs in a goroutine bound to the connection's
// context (not the notification's), so only a newer change or the
// connection's end stops it. s.mu is held.
func (s *server) scheduleDiagnosis(delay time.Duration) {
	if s.state.cancelDiagnosis != nil {
		s.state.cancelDiagnosis()
	}
	if s.state.phase != running || s.state.snap == nil {
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.state.cancelDiagnosis = cancel
	snap, sel, caps := s.state.snap, diagnostics.Selection(s.state.options.Checks), s.state.caps
	s.goBackground(func() {
		defer cancel()
		s.diagnose(ctx, delay, snap, sel, caps)
	})
}

func (s *server) diagnose(ctx context.Context, delay time.Duration, snap *workspace.Snapshot, sel diagnostics.Selection, caps clientCapabilities) {
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
	start := time.Now()
	if c := s.findings.Load(); c != nil && c.snap == snap {
		s.publish(ctx, snap, c.findings, caps, time.Since(start), phaseComplete) // a code action got there first
		return
	}
	s.diagnoses.Add(1)
	// The static checks publish first: they never wait for a process.
	findings := s.checks.Run(ctx, snap, sel, diagnostics.StaticRules)
	if ctx.Err() != nil {
		return // superseded: a newer snapshot's diagnosis is on its way
	}
	if !diagnostics.HasGoRules(snap, sel) {
		s.remember(snap, findings)
		s.publish(ctx, snap, findings, caps, time.Since(start), phaseComplete)
		return
	}
	s.publish(ctx, snap, findings, caps, time.Since(start), phaseStatic)
	// Then the checks that run the go command, cancelled (and their
	// processes killed) by the next change.
	done := s.reportLoad(ctx)
	more := s.checks.Run(ctx, snap, sel, diagnostics.GoRules)
	close(done)
	if ctx.Err() != nil {
		return
	}
	findings = append(append([]diagnostics.Finding{}, findings...), more...)
	diagnostics.SortFindings(findings)
	s.remember(snap, findings)
	took := time.Since(start)
	s.log.Debug("diagnosed", zap.Uint64("snapshot", snap.Seq()), zap.Int("findings", len(findings)),
		zap.Duration("duration", took))
	s.publish(ctx, snap, findings, caps, took, phaseComplete)
}

// remember keeps the findings of the newest snapshot diagnosed so far.
func (s *server) remember(snap *workspace.Snapshot, findings []diagnostics.Finding) {
	next := &computed{snap: snap, findings: findings}
	for {
		old := s.findings.Load()
		if old != nil && old.snap.Seq() >= snap.Seq() {
			return
		}
		if s.findings.CompareAndSwap(old, next) {
			return
		}
	}
}

// findingsFor returns snap's findings: the diagnosis's if it already ran on
// snap, else a fresh run, cancelled with ctx (the request's).
func (s *server) findingsFor(ctx context.Context, snap *workspace.Snapshot) ([]diagnostics.Finding, error) {
	if c := s.findings.Load(); c != nil && c.snap == snap {
		return c.findings, nil
	}
	findings := s.checks.Run(ctx, snap, s.selection(), diagnostics.AllRules)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.remember(snap, findings)
	return findings, nil
}

func (s *server) selection() diagnostics.Selection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return diagnostics.Selection(s.state.options.Checks)
}
