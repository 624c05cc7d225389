package diagnostics

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/benchtree"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/workspace"
)

// Synthetic tree for the recheck benchmarks: some modules, each with
// benchPackages packages of benchFiles files, and a go.work that forgets
// the last module (so the checks have something to find and fixes to
// build).
const (
	benchModules  = 200
	benchPackages = 10
	benchFiles    = 10
)

// genTree writes the tree under dir and returns the go.work's path and text.
func genTree(tb testing.TB, dir string, modules int) (string, string) {
	tb.Helper()
	var work strings.Builder
	work.WriteString("go 1.22\n\nuse (\n")
	for m := range modules {
		mod := filepath.Join(dir, "services", fmt.Sprintf("m%03d", m))
		writeBench(tb, filepath.Join(mod, "go.mod"), fmt.Sprintf("module example.com/m%03d\n\ngo 1.22\n", m))
		for p := range benchPackages {
			for f := range benchFiles {
				writeBench(tb, filepath.Join(mod, fmt.Sprintf("p%d", p), fmt.Sprintf("f%d.go", f)), fmt.Sprintf("package p%d\n", p))
			}
		}
		if m < modules-1 {
			fmt.Fprintf(&work, "\t./services/m%03d\n", m)
		}
	}
	work.WriteString(")\n")
	path := filepath.Join(dir, "go.work")
	writeBench(tb, path, work.String())
	return path, work.String()
}

func writeBench(tb testing.TB, path, content string) {
	testfiles.WriteFile(tb, path, []byte(content))
}

// countCheck counts the findings of one check.
func countCheck(fs []Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.Check == id {
			n++
		}
	}
	return n
}

// BenchmarkColdCheck: a first snapshot (one parallel walk of the tree,
// settings, go.mod/go.work parsing) and every check, from nothing, on the
// generated large tree (internal/benchtree: ~100k files, 200 modules and
// one forgotten module), kept in GOMEND_BENCH_CACHE between runs.
func BenchmarkColdCheck(b *testing.B) {
	dir, _ := benchtree.ForBenchmark(b, "large")
	ctx := context.Background()
	b.Run("large", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			snap, err := workspace.New(ctx, workspace.Options{Folders: []string{dir}})
			if err != nil {
				b.Fatal(err)
			}
			if n := countCheck(Run(ctx, snap, nil), "gowork-missing-module"); n != 1 {
				b.Fatalf("gowork-missing-module: %d findings, want 1", n)
			}
		}
	})
}

// BenchmarkRecheckAfterEdit: the editor changes go.work (an unsaved buffer,
// or a save seen by the file watcher); the new snapshot must not walk the
// tree again, and every check reruns. Run on 50 modules (DESIGN.md's
// target: well under a millisecond) and on benchModules.
func BenchmarkRecheckAfterEdit(b *testing.B) {
	for _, modules := range []int{50, benchModules} {
		b.Run(fmt.Sprintf("%dmodules", modules), func(b *testing.B) { benchRecheck(b, modules) })
	}
}

func benchRecheck(b *testing.B, modules int) {
	dir := b.TempDir()
	workPath, workText := genTree(b, dir, modules)
	ctx := context.Background()
	base, err := workspace.New(ctx, workspace.Options{Folders: []string{dir}})
	if err != nil {
		b.Fatal(err)
	}
	Run(ctx, base, nil) // warm the snapshot's memoized reads
	// Two versions of go.work: with and without the forgotten module.
	texts := []string{workText, strings.Replace(workText, ")\n", fmt.Sprintf("\t./services/m%03d\n)\n", modules-1), 1)}
	wantMissing := []int{1, 0}

	b.Run("overlay", func(b *testing.B) {
		b.ReportAllocs()
		snap := base
		i := 0
		for b.Loop() {
			i++
			snap = snap.WithOverlay(workPath, &workspace.Overlay{Version: int32(i), Text: []byte(texts[i%2])})
			if n := countCheck(Run(ctx, snap, nil), "gowork-missing-module"); n != wantMissing[i%2] {
				b.Fatalf("edit %d: gowork-missing-module: %d findings, want %d", i, n, wantMissing[i%2])
			}
			if !workspace.SameLayout(base, snap, dir) {
				b.Fatal("an edit of go.work re-walked the folder")
			}
		}
	})
	b.Run("filechange", func(b *testing.B) {
		b.ReportAllocs()
		snap := base
		i := 0
		for b.Loop() {
			i++
			b.StopTimer()
			writeBench(b, workPath, texts[i%2])
			b.StartTimer()
			snap = snap.WithFileChanges(ctx, []workspace.FileChange{{Path: workPath, Kind: workspace.Changed}})
			if n := countCheck(Run(ctx, snap, nil), "gowork-missing-module"); n != wantMissing[i%2] {
				b.Fatalf("edit %d: gowork-missing-module: %d findings, want %d", i, n, wantMissing[i%2])
			}
			if !workspace.SameLayout(base, snap, dir) {
				b.Fatal("a change of go.work re-walked the folder")
			}
		}
	})
}
