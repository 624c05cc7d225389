package server

// This file reports the first walk of a big tree as work-done progress
// ($/progress begin, report, end), as gopls reports its initial load.

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"
)

const (
	methodProgressCreate = "window/workDoneProgress/create"
	methodProgress       = "$/progress"
	walkToken            = "gomend/walk"
	progressTitle        = "Reading Go workspace"
	progressInterval     = 250 * time.Millisecond
)

type progressParams struct {
	Token string        `json:"token"`
	Value progressValue `json:"value"`
}

type progressValue struct {
	Kind    string `json:"kind"` // begin, report, end
	Title   string `json:"title,omitempty"`
	Message string `json:"message,omitempty"`
}

// reportWalk shows the first walk as progress once it has run longer than
// ProgressDelay, and ends it when walked is closed. It never holds s.mu:
// the walk runs under it.
func (s *server) reportWalk(walked <-chan struct{}) {
	ctx := s.ctx
	if d := s.opts.ProgressDelay; d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-walked:
			return // fast enough: no progress to show
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
	// The client must know the token before any $/progress that uses it.
	if _, err := s.conn.Call(ctx, methodProgressCreate, map[string]string{"token": walkToken}, nil); err != nil {
		if ctx.Err() == nil {
			s.log.Warn("the client refused a progress token", zap.Error(err))
		}
		return
	}
	s.notifyProgress(ctx, progressValue{Kind: "begin", Title: progressTitle, Message: s.walkedMessage()})
	tick := time.NewTicker(progressInterval)
	defer tick.Stop()
	for {
		select {
		case <-walked:
			s.notifyProgress(ctx, progressValue{Kind: "end", Message: "Read " + s.walkedMessage()})
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			s.notifyProgress(ctx, progressValue{Kind: "report", Message: s.walkedMessage()})
		}
	}
}

func (s *server) walkedMessage() string {
	return fmt.Sprintf("%d files and folders", s.walked.Load())
}

func (s *server) notifyProgress(ctx context.Context, v progressValue) {
	if err := s.conn.Notify(ctx, methodProgress, progressParams{Token: walkToken, Value: v}); err != nil && ctx.Err() == nil {
		s.log.Warn("cannot send progress", zap.Error(err))
	}
}

const (
	loadToken         = "gomend/load"
	loadProgressTitle = "Loading Go packages"
)

// reportLoad shows the go-command checks as progress when they run longer
// than ProgressDelay; closing the returned channel ends it.
func (s *server) reportLoad(ctx context.Context) chan struct{} {
	done := make(chan struct{})
	s.goBackground(func() {
		if d := s.opts.ProgressDelay; d > 0 {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
		if _, err := s.conn.Call(ctx, methodProgressCreate, map[string]string{"token": loadToken}, nil); err != nil {
			return // refused, or superseded
		}
		notify := func(v progressValue) {
			// The end goes out on the connection's context: a cancelled
			// diagnosis must still close the progress it opened.
			if err := s.conn.Notify(s.ctx, methodProgress, progressParams{Token: loadToken, Value: v}); err != nil && s.ctx.Err() == nil {
				s.log.Warn("cannot send progress", zap.Error(err))
			}
		}
		notify(progressValue{Kind: "begin", Title: loadProgressTitle, Message: "go list, offline"})
		select {
		case <-done:
		case <-ctx.Done():
		}
		notify(progressValue{Kind: "end"})
	})
	return done
}
