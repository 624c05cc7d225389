package workspace

// gopls traces and logs: the files the caller named, and open documents
// that look like one. A trace can be a gigabyte: it is streamed from disk
// (or read from the editor's buffer) into a bounded summary, once per
// snapshot.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/gomend/gomend/internal/goplstrace"
)

// sniffBytes is how much of an open document is read to tell a trace.
const sniffBytes = 4096

// Traces lists the trace files to analyse: those named by the caller, and
// the open documents whose first lines look like a gopls trace or log.
func (s *Snapshot) Traces() []string {
	v := s.Memo(tracesKey{}, func() any {
		seen := map[string]bool{}
		out := []string{}
		for _, p := range s.traces {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		var open []string
		for p := range s.open {
			if !seen[p] && !isGoConfig(p) {
				open = append(open, p)
			}
		}
		sort.Strings(open)
		for _, p := range open {
			head := s.FileHead(p, sniffBytes)
			if o, ok := s.overlays[p]; ok {
				head = o.Text[:min(len(o.Text), sniffBytes)]
			}
			if goplstrace.LooksLikeTrace(head) {
				seen[p] = true
				out = append(out, p)
			}
		}
		return out
	}).([]string)
	return v
}

type tracesKey struct{}

// isGoConfig reports files that are never traces (Go sources and the
// files the other checks read), so they are not even sniffed.
func isGoConfig(p string) bool {
	switch filepath.Ext(p) {
	case ".go", ".mod", ".work", ".sum", ".json", ".code-workspace":
		return true
	}
	return false
}

// TraceSummary reads a trace once per snapshot: the editor's buffer when
// it is open, else the file, streamed.
func (s *Snapshot) TraceSummary(path string) (*goplstrace.Summary, error) {
	type result struct {
		sum *goplstrace.Summary
		err error
	}
	v := s.Memo(traceKey{path}, func() any {
		if o, ok := s.overlays[path]; ok {
			sum, err := goplstrace.Summarize(bytes.NewReader(o.Text))
			return result{sum, err}
		}
		f, err := os.Open(path)
		if err != nil {
			return result{nil, fmt.Errorf("reading the trace: %w", err)}
		}
		defer f.Close()
		sum, err := goplstrace.Summarize(f)
		if err != nil {
			err = fmt.Errorf("reading the trace %s: %w", path, err)
		}
		return result{sum, err}
	}).(result)
	return v.sum, v.err
}

type traceKey struct{ path string }

// WithTrace returns a snapshot that also analyses the trace at path (read
// afresh: a log being captured grows).
func (s *Snapshot) WithTrace(path string) *Snapshot {
	path = filepath.Clean(path)
	c := s.clone(map[string]bool{path: true})
	c.traces = append([]string{}, s.traces...)
	for _, p := range c.traces {
		if p == path {
			return c
		}
	}
	c.traces = append(c.traces, path)
	return c
}
