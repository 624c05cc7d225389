package benchtree

import (
	"context"
	"os"
	"testing"
)

// ForBenchmark returns a preset's tree for a Go benchmark: kept in
// GOMEND_BENCH_CACHE between runs (make bench sets it), else generated in
// the benchmark's temporary directory.
func ForBenchmark(tb testing.TB, preset string) (string, Stats) {
	tb.Helper()
	spec, ok := Preset(preset)
	if !ok {
		tb.Fatalf("benchtree: no preset %q", preset)
	}
	cache := os.Getenv("GOMEND_BENCH_CACHE")
	if cache == "" {
		cache = tb.TempDir()
	}
	dir, st, err := Ensure(context.Background(), cache, spec)
	if err != nil {
		tb.Fatal(err)
	}
	return dir, st
}
