package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/lspdriver"
)

// serveResult is gomend serve on one tree.
type serveResult struct {
	Runs int `json:"runs"`
	// FirstDiagnosticsMs: from sending initialize to the first
	// publishDiagnostics (median). On a workspace with nothing to report,
	// to gomend/checked, which says the diagnosis is complete (Clean).
	FirstDiagnosticsMs float64 `json:"firstDiagnosticsMs"`
	FirstCheckedMs     float64 `json:"firstCheckedMs"`
	// CompleteMs: to the gomend/checked of the complete diagnosis, the
	// second publish, after the checks that run the go command (go env
	// -json and a go/packages load of every module, offline), median.
	// Equal to FirstCheckedMs when the go command did not run.
	CompleteMs float64 `json:"completeMs"`
	// GoFindings is how many findings the go-command checks added.
	GoFindings int   `json:"goFindings"`
	Clean      bool  `json:"clean"`
	PeakRSS    int64 `json:"peakRSSBytes"`
	// OwnPeakRSS is gomend serve's own peak RSS (gomend/stats at the end
	// of the session). PeakRSS is the operating system's figure for the
	// finished process, which also charges it its largest child: the go
	// commands it runs for the checks that need them.
	OwnPeakRSS int64 `json:"ownPeakRSSBytes"`
	// ProgressShown: the first walk took long enough to show $/progress.
	ProgressShown bool           `json:"progressShown"`
	Recheck       *recheckResult `json:"recheck,omitempty"`
	GoEdit        goEditResult   `json:"goEdit"`
}

// recheckResult: go.work edited on disk and reported as a watched-file
// change, as VS Code does on save.
type recheckResult struct {
	Edits int `json:"edits"`
	// CheckMs is the server's own time for the checks (gomend/checked's
	// durationMs), median.
	CheckMs float64 `json:"checkMs"`
	// WallMs is from the notification to gomend/checked, median; it
	// includes the server's 100 ms debounce.
	WallMs  float64 `json:"wallMs"`
	Rewalks int     `json:"rewalks"`
}

// goEditResult: a .go file opened and typed in.
type goEditResult struct {
	Edits int `json:"edits"`
	// PerEditUs is the wall time per didChange, from the first to the
	// answer of a request sent after the last (the server handles messages
	// in order): an upper bound on the bookkeeping.
	PerEditUs float64 `json:"perEditUs"`
	// What the edits triggered: all zero is the target.
	Snapshots int64 `json:"snapshots"`
	Diagnoses int64 `json:"diagnoses"`
	Walks     int64 `json:"walks"`
}

// goplsResult is the real gopls on the same tree; the fastest session
// counts (its caches are warm after the first), so the comparison is
// conservative.
type goplsResult struct {
	Runs               int     `json:"runs"`
	SetupMs            float64 `json:"setupMs"` // to the end of "Setting up workspace"
	FirstDiagnosticsMs float64 `json:"firstDiagnosticsMs"`
	PeakRSS            int64   `json:"peakRSSBytes"` // the smallest of the sessions
}

const (
	methodPublish = "textDocument/publishDiagnostics"
	methodChecked = "gomend/checked"
	methodStats   = "gomend/stats"
	goplsSetup    = "Setting up workspace"
	// sessionLimit bounds one server session; gopls on the huge tree is
	// the slowest thing measured.
	sessionLimit = 30 * time.Minute
)

type stats struct {
	Snapshot  uint64 `json:"snapshot"`
	Walks     int    `json:"walks"`
	Diagnoses int64  `json:"diagnoses"`
	PeakRSS   int64  `json:"peakRSSBytes"`
}

func measureServe(ctx context.Context, c config, dir string, generated bool) (serveResult, error) {
	r := serveResult{Runs: c.serveRuns}
	var first, checked, complete []float64
	for i := range c.serveRuns {
		ctx, cancel := context.WithTimeout(ctx, sessionLimit)
		err := func() error {
			argv, env, report := c.spawn.wrap([]string{c.gomend, "serve"}, nil)
			s, err := lspdriver.Start(ctx, lspdriver.Options{
				Argv:                  argv,
				Env:                   env,
				Folders:               []string{dir},
				InitializationOptions: map[string]any{"trusted": true},
			})
			if err != nil {
				return err
			}
			defer s.Close(ctx)
			done, err := s.WaitFor(ctx, func(m lspdriver.Message) bool { return m.Method == methodChecked })
			if err != nil {
				return fmt.Errorf("waiting for the first diagnosis: %w", err)
			}
			checked = append(checked, ms(done.At.Sub(s.Sent())))
			p, err := checkedOf(done)
			if err != nil {
				return err
			}
			end, endP := done, p
			if p.Phase == "static" {
				if end, err = s.WaitFor(ctx, func(m lspdriver.Message) bool {
					q, err := checkedOf(m)
					return err == nil && q.Phase == "complete" && q.Snapshot == p.Snapshot
				}); err != nil {
					return fmt.Errorf("waiting for the complete diagnosis: %w", err)
				}
				if endP, err = checkedOf(end); err != nil {
					return err
				}
			}
			complete = append(complete, ms(end.At.Sub(s.Sent())))
			r.GoFindings = endP.total() - p.total()
			if m, ok := lspdriver.FirstNotification(s.Messages(), methodPublish); ok && !m.At.After(done.At) {
				first = append(first, ms(m.At.Sub(s.Sent())))
			} else {
				first = append(first, ms(done.At.Sub(s.Sent())))
				r.Clean = true
			}
			for _, p := range lspdriver.Progress(s.Messages()) {
				r.ProgressShown = r.ProgressShown || p.Done
			}
			if i == 0 { // edits once: they do not change what the next session sees
				if generated {
					rc, err := recheckWork(ctx, c, s, dir)
					if err != nil {
						return err
					}
					r.Recheck = &rc
				}
				if r.GoEdit, err = editGoFile(ctx, c, s, dir); err != nil {
					return err
				}
			}
			own, err := serverStats(ctx, s)
			if err != nil {
				return err
			}
			r.OwnPeakRSS = max(r.OwnPeakRSS, own.PeakRSS)
			res, err := s.Close(ctx)
			if err != nil {
				return err
			}
			if res.ExitCode != 0 {
				return fmt.Errorf("gomend serve exited with status %d", res.ExitCode)
			}
			rep, err := readSpawnReport(report)
			if err != nil {
				return err
			}
			r.PeakRSS = max(r.PeakRSS, rep.MaxRSS)
			return nil
		}()
		cancel()
		if err != nil {
			return r, fmt.Errorf("gomend serve session %d: %w", i+1, err)
		}
	}
	r.FirstDiagnosticsMs, r.FirstCheckedMs, r.CompleteMs = median(first), median(checked), median(complete)
	return r, nil
}

// checkedParams is what the benchmarks read of gomend/checked.
type checkedParams struct {
	Snapshot                       uint64
	Phase                          string
	DurationMs                     float64
	Errors, Warnings, Infos, Hints int
}

func (p checkedParams) total() int { return p.Errors + p.Warnings + p.Infos + p.Hints }

// checkedOf reads a gomend/checked notification (an error for any other
// message).
func checkedOf(m lspdriver.Message) (checkedParams, error) {
	var p checkedParams
	if m.Method != methodChecked {
		return p, fmt.Errorf("%s is not %s", m.Method, methodChecked)
	}
	err := json.Unmarshal(m.Params, &p)
	return p, err
}

// recheckWork edits go.work on disk (a comment, so the findings stay the
// same and each edit is a real change), reports it as VS Code's watcher
// would, and waits for the diagnosis. The file is restored afterwards.
func recheckWork(ctx context.Context, c config, s *lspdriver.Session, dir string) (recheckResult, error) {
	r := recheckResult{Edits: c.recheckEdits}
	path := filepath.Join(dir, "go.work")
	orig, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	defer os.WriteFile(path, orig, 0o644)
	before, err := serverStats(ctx, s)
	if err != nil {
		return r, err
	}
	var checks, walls []float64
	// A diagnosis publishes twice when the go command runs: each edit
	// waits for the first gomend/checked of a newer snapshot, never a late
	// one of the snapshot before.
	last := before.Snapshot
	for i := range c.recheckEdits {
		edited := fmt.Appendf(append([]byte{}, orig...), "\n// gomend-bench edit %d\n", i)
		if err := os.WriteFile(path, edited, 0o644); err != nil {
			return r, err
		}
		mark := len(s.Messages())
		sent := time.Now()
		change := map[string]any{"changes": []map[string]any{{"uri": hostfs.PathToURI(path), "type": 2}}}
		if err := s.Notify("workspace/didChangeWatchedFiles", change); err != nil {
			return r, err
		}
		m, err := s.WaitFor(ctx, func(m lspdriver.Message) bool {
			p, err := checkedOf(m)
			return m.Index >= mark && err == nil && p.Snapshot > last
		})
		if err != nil {
			return r, fmt.Errorf("waiting for the recheck: %w", err)
		}
		p, err := checkedOf(m)
		if err != nil {
			return r, err
		}
		last = p.Snapshot
		checks = append(checks, p.DurationMs)
		walls = append(walls, ms(m.At.Sub(sent)))
	}
	after, err := serverStats(ctx, s)
	if err != nil {
		return r, err
	}
	r.CheckMs, r.WallMs, r.Rewalks = median(checks), median(walls), after.Walks-before.Walks
	return r, nil
}

// editGoFile opens a .go file and types into it; nothing but bookkeeping
// may follow.
func editGoFile(ctx context.Context, c config, s *lspdriver.Session, dir string) (goEditResult, error) {
	r := goEditResult{Edits: c.goEdits}
	path, err := firstGoFile(dir)
	if err != nil {
		return r, err
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	uri := hostfs.PathToURI(path)
	open := map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(text)}}
	mark := len(s.Messages())
	if err := s.Notify("textDocument/didOpen", open); err != nil {
		return r, err
	}
	// Opening is a new snapshot and diagnosis (the symlink checks look at
	// open documents); the edits that follow must cause neither.
	if _, err := s.WaitFor(ctx, func(m lspdriver.Message) bool { return m.Index >= mark && m.Method == methodChecked }); err != nil {
		return r, fmt.Errorf("waiting for the diagnosis after opening %s: %w", path, err)
	}
	before, err := serverStats(ctx, s)
	if err != nil {
		return r, err
	}
	start := time.Now()
	at := map[string]int{"line": 0, "character": 0}
	for v := 2; v < 2+c.goEdits; v++ {
		change := map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"range": map[string]any{"start": at, "end": at}, "text": "x"}},
		}
		if err := s.Notify("textDocument/didChange", change); err != nil {
			return r, err
		}
	}
	after, err := serverStats(ctx, s)
	if err != nil {
		return r, err
	}
	r.PerEditUs = float64(time.Since(start).Microseconds()) / float64(c.goEdits)
	if after.Snapshot != before.Snapshot {
		r.Snapshots = 1 // sequence numbers are shared: any change counts once
	}
	r.Diagnoses = after.Diagnoses - before.Diagnoses
	r.Walks = int64(after.Walks - before.Walks)
	return r, nil
}

func serverStats(ctx context.Context, s *lspdriver.Session) (stats, error) {
	var st stats
	err := s.Call(ctx, methodStats, nil, &st)
	return st, err
}

// firstGoFile finds a .go file the go command would build (outside
// testdata, vendor, and dot or underscore directories).
func firstGoFile(dir string) (string, error) {
	found := ""
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path != dir && ignoredByGo(d.Name()) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".go") {
			found = path
			return filepath.SkipAll
		}
		return nil
	})
	if err == nil && found == "" {
		err = errors.New("no .go file in " + dir)
	}
	return found, err
}

// measureGopls runs gopls sessions on dir: time to the end of its initial
// load ("Setting up workspace") and to its first publishDiagnostics.
func measureGopls(ctx context.Context, c config, dir string) (goplsResult, error) {
	r := goplsResult{Runs: c.goplsRuns}
	for i := range c.goplsRuns {
		ctx, cancel := context.WithTimeout(ctx, sessionLimit)
		setup, first, rss, err := goplsSession(ctx, c, dir)
		cancel()
		if err != nil {
			return r, fmt.Errorf("gopls session %d: %w", i+1, err)
		}
		if i == 0 || first < r.FirstDiagnosticsMs {
			r.SetupMs, r.FirstDiagnosticsMs = setup, first
		}
		if i == 0 || rss < r.PeakRSS {
			r.PeakRSS = rss
		}
	}
	return r, nil
}

func goplsSession(ctx context.Context, c config, dir string) (setupMs, firstMs float64, rss int64, err error) {
	argv, env, report := c.spawn.wrap([]string{c.gopls}, nil)
	s, err := lspdriver.Start(ctx, lspdriver.Options{Argv: argv, Env: env, Folders: []string{dir}})
	if err != nil {
		return 0, 0, 0, err
	}
	defer s.Close(ctx)
	diag, err := s.WaitFor(ctx, func(m lspdriver.Message) bool { return m.Method == methodPublish })
	if err != nil {
		return 0, 0, 0, fmt.Errorf("waiting for gopls's first diagnostics: %w", err)
	}
	var setupEnd time.Time
	_, err = s.WaitFor(ctx, func(m lspdriver.Message) bool {
		if m.Method != "$/progress" {
			return false
		}
		for _, p := range lspdriver.Progress(s.Messages()) {
			if p.Title == goplsSetup && p.Done {
				setupEnd = p.End
				return true
			}
		}
		return false
	})
	if err != nil {
		return 0, 0, 0, fmt.Errorf("waiting for the end of %q: %w", goplsSetup, err)
	}
	if _, err := s.Close(ctx); err != nil {
		return 0, 0, 0, err
	}
	rep, err := readSpawnReport(report)
	if err != nil {
		return 0, 0, 0, err
	}
	return ms(setupEnd.Sub(s.Sent())), ms(diag.At.Sub(s.Sent())), rep.MaxRSS, nil
}
