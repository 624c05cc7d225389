package modules

import (
	"context"
	"testing"

	"github.com/gomend/gomend/internal/benchtree"
)

// BenchmarkWalk walks a generated tree: the first thing a cold check or a
// new server does, and most of its time. The tree is kept in
// GOMEND_BENCH_CACHE between runs (make bench sets it), else generated in
// a temporary directory. Profile it with
//
//	go test -run '^$' -bench Walk -cpuprofile cpu.prof ./internal/modules
func BenchmarkWalk(b *testing.B) {
	for _, preset := range []string{"medium", "large"} {
		b.Run(preset, func(b *testing.B) {
			dir, st := benchtree.ForBenchmark(b, preset)
			filter, _ := NewDirFilter([]string{"-**/node_modules"}) // gopls's default
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				l, err := Walk(context.Background(), dir, WalkOptions{Filter: filter})
				if err != nil {
					b.Fatal(err)
				}
				if len(l.ModFiles) != st.Modules {
					b.Fatalf("found %d go.mod files, want %d", len(l.ModFiles), st.Modules)
				}
			}
			b.ReportMetric(float64(st.Files), "files")
		})
	}
}
