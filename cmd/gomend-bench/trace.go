package main

// The trace row: `gomend trace` on a generated gigabyte of gopls
// -rpc.trace against `wc -l` on the same file, and the memory it takes
// (flat: the parser streams).

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gomend/gomend/internal/benchtree"
)

// traceResult is gomend trace against wc -l on one generated trace.
type traceResult struct {
	Bytes          int64     `json:"bytes"`
	Pairs          int       `json:"pairs"`
	WcMs           []float64 `json:"wcMs"`
	GomendMs       []float64 `json:"gomendMs"`
	WcMedianMs     float64   `json:"wcMedianMs"`
	GomendMedianMs float64   `json:"gomendMedianMs"`
	// Ratio is gomend's median over wc's: at most 2 is the target (half
	// wc's speed or better).
	Ratio         float64 `json:"ratio"`
	GomendPeakRSS int64   `json:"gomendPeakRSSBytes"`
	// MBps is gomend's throughput in MB/s.
	MBps float64 `json:"mbPerSecond"`
}

// measureTrace generates (or reuses) a trace of about mb megabytes and
// times both, alternately, after a warm-up of each.
func measureTrace(ctx context.Context, c config, mb int) (*traceResult, error) {
	path, size, err := ensureTrace(c.cacheDir, mb)
	if err != nil {
		return nil, err
	}
	r := &traceResult{Bytes: size, Pairs: c.pairs}
	gomend := []string{c.gomend, "trace", "--format", "json", path}
	wc := []string{"wc", "-l", path}
	for _, argv := range [][]string{wc, gomend} {
		if _, _, err := timeCommand(ctx, c, argv); err != nil {
			return nil, err
		}
	}
	for i := range c.pairs {
		order := [][]string{wc, gomend}
		if i%2 == 1 {
			order = [][]string{gomend, wc}
		}
		for _, argv := range order {
			took, rss, err := timeCommand(ctx, c, argv)
			if err != nil {
				return nil, err
			}
			if argv[0] == "wc" {
				r.WcMs = append(r.WcMs, ms(took))
			} else {
				r.GomendMs = append(r.GomendMs, ms(took))
				r.GomendPeakRSS = max(r.GomendPeakRSS, rss)
			}
		}
	}
	r.WcMedianMs, r.GomendMedianMs = median(r.WcMs), median(r.GomendMs)
	r.Ratio = r.GomendMedianMs / r.WcMedianMs
	r.MBps = float64(size) / 1e6 / (r.GomendMedianMs / 1000)
	return r, nil
}

// ensureTrace writes a trace of about mb megabytes into dir once: a
// session's worth of realistic records (initialize, a Created View, loads,
// diagnostics, hovers, an error) repeated with fresh ids and times. It is
// written to a temporary name and renamed, so a cut run leaves nothing.
func ensureTrace(dir string, mb int) (string, int64, error) {
	path := filepath.Join(dir, fmt.Sprintf("trace-%dmb-v1.log", mb))
	if fi, err := os.Stat(path); err == nil {
		return path, fi.Size(), nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(dir, "trace-*.tmp")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	var written int64
	for i := 0; written < int64(mb)<<20; i++ {
		n, err := w.WriteString(benchtree.TraceSession(i))
		if err != nil {
			tmp.Close()
			return "", 0, err
		}
		written += int64(n)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return "", 0, err
	}
	if err := tmp.Close(); err != nil {
		return "", 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", 0, err
	}
	return path, written, nil
}
