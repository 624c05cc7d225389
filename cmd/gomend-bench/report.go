package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// Targets of the performance issue, checked on every run.
const (
	targetCheckRatio = 1.0       // gomend check ≤ find -name go.mod, on the large tree
	targetSpeedup    = 20.0      // first diagnostics at least 20× sooner than gopls's
	targetRSSRatio   = 10.0      // peak RSS at most 1/10 of gopls's
	targetHugeRSS    = 100 << 20 // peak RSS on the huge tree
	targetRecheckNs  = 1e6       // recheck after a go.work edit, 50 modules (go test -bench)
	targetCheckTree  = "large"   // where the find comparison is the target
	targetHugeTree   = "huge"
	targetTraceRatio = 2.0      // gomend trace at least half as fast as wc -l
	targetTraceRSS   = 64 << 20 // and flat memory on a gigabyte
	mib              = float64(1 << 20)
)

func (r *results) writeJSON(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func (r *results) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "## gomend-bench, %s\n\n", r.Date)
	fmt.Fprintf(w, "%s/%s, %d CPUs; %s", r.GOOS, r.GOARCH, r.CPUs, r.GomendVersion)
	if r.GoplsVersion != "" {
		fmt.Fprintf(w, "; %s", r.GoplsVersion)
	}
	fmt.Fprint(w, ". Absolute times depend on the machine; the ratios are the result.\n\n")

	fmt.Fprintf(w, "### Cold static check: `gomend check --no-exec --format json` vs `find DIR -name go.mod`\n\n")
	fmt.Fprintf(w, "Alternating pairs after one warm-up of each; medians.\n\n")
	fmt.Fprintf(w, "| tree | files | modules | find | gomend | gomend / find | find peak RSS | gomend peak RSS |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range r.Trees {
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %.2f× | %s | %s |\n", t.Name, t.Files, t.Modules,
			msText(t.Check.FindMedianMs), msText(t.Check.GomendMedianMs), t.Check.Ratio, mibText(t.Check.FindPeakRSS), mibText(t.Check.GomendPeakRSS))
	}

	fmt.Fprintf(w, "\n### Language server: `gomend serve` vs gopls, from `initialize` to first diagnostics\n\n")
	fmt.Fprintf(w, "gomend's peak RSS is its own (`gomend/stats`), then the system's figure for the finished process, which also charges it the largest go command it ran; gopls's is the system's figure (its own, or its largest go command).\n\n")
	fmt.Fprintf(w, "| tree | gomend first diagnostics | gopls \"%s\" ends | gopls first diagnostics | gopls / gomend | gomend peak RSS (own / with go) | gopls peak RSS | gopls / gomend RSS |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", goplsSetup)
	for _, t := range r.Trees {
		g := t.Gopls
		rss := mibText(t.Serve.OwnPeakRSS) + " / " + mibText(t.Serve.PeakRSS)
		if g == nil {
			fmt.Fprintf(w, "| %s | %s | – | – | – | %s | – | – |\n", t.Name, msText(t.Serve.FirstDiagnosticsMs), rss)
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.0f× | %s | %s | %.0f× |\n", t.Name, msText(t.Serve.FirstDiagnosticsMs),
			msText(g.SetupMs), msText(g.FirstDiagnosticsMs), t.speedup(), rss, mibText(g.PeakRSS), t.rssRatio())
	}

	fmt.Fprintf(w, "\n### The second publish: after the checks that run the go command\n\n")
	fmt.Fprintf(w, "Static findings are published first; then gomend runs `go env -json` and loads the modules (at most 100, ten per go command) with go/packages, offline, and publishes everything again. It never delays the first publish.\n\n")
	fmt.Fprintf(w, "| tree | first diagnostics | complete diagnosis | findings added |\n|---|---:|---:|---:|\n")
	for _, t := range r.Trees {
		fmt.Fprintf(w, "| %s | %s | %s | %d |\n", t.Name, msText(t.Serve.FirstDiagnosticsMs), msText(t.Serve.CompleteMs), t.Serve.GoFindings)
	}

	if tr := r.Trace; tr != nil {
		fmt.Fprintf(w, "\n### Trace analysis: `gomend trace --format json` vs `wc -l`, on a generated gopls -rpc.trace\n\n")
		fmt.Fprintf(w, "Alternating pairs after one warm-up of each; medians.\n\n")
		fmt.Fprintf(w, "| size | wc -l | gomend trace | gomend / wc | throughput | gomend peak RSS |\n|---:|---:|---:|---:|---:|---:|\n")
		fmt.Fprintf(w, "| %.0f MB | %s | %s | %.2f× | %.0f MB/s | %s |\n", float64(tr.Bytes)/1e6, msText(tr.WcMedianMs), msText(tr.GomendMedianMs), tr.Ratio, tr.MBps, mibText(tr.GomendPeakRSS))
	}

	if len(r.GoBenchmarks) > 0 {
		fmt.Fprintf(w, "\n### Go benchmarks (`go test -bench -benchmem`)\n\n")
		fmt.Fprintf(w, "| benchmark | ns/op | B/op | allocs/op |\n|---|---:|---:|---:|\n")
		for _, b := range r.GoBenchmarks {
			fmt.Fprintf(w, "| %s | %.0f | %.0f | %.0f |\n", b.Name, b.NsPerOp, b.BytesPerOp, b.AllocsPerOp)
		}
	}

	fmt.Fprintf(w, "\n### Recheck inside the server\n\n")
	fmt.Fprintf(w, "One server session per tree; the check time is gomend/checked's `durationMs`, a single run after the debounce's idle time, so it is slower than the Go benchmark's tight loop.\n\n")
	fmt.Fprintf(w, "| tree | go.work edit: check time | to `gomend/checked` (incl. 100 ms debounce) | re-walks | .go edit: per didChange | .go edits triggered |\n|---|---:|---:|---:|---:|---|\n")
	for _, t := range r.Trees {
		work := "| – | – | –"
		if rc := t.Serve.Recheck; rc != nil {
			work = fmt.Sprintf("| %.3f ms | %s | %d", rc.CheckMs, msText(rc.WallMs), rc.Rewalks)
		}
		e := t.Serve.GoEdit
		fmt.Fprintf(w, "| %s %s | %.0f µs | %s |\n", t.Name, work, e.PerEditUs, e.triggered())
	}

	if rows := r.growth(); len(rows) > 0 {
		fmt.Fprintf(w, "\n### Growth\n\nEach figure's growth against the growth in files; an exponent (in brackets) of 1 is linear.\n\n")
		fmt.Fprintf(w, "| trees | files | gomend check | find | gomend first diagnostics | gomend peak RSS | gopls first diagnostics | gopls peak RSS |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, row := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	}

	fmt.Fprintf(w, "\n### Targets\n\n")
	for _, t := range r.targets() {
		mark := "met"
		if !t.met {
			mark = "**MISSED**"
		}
		fmt.Fprintf(w, "- %s: %s (%s)\n", t.what, mark, t.got)
	}
}

func (t treeResult) speedup() float64 {
	if t.Gopls == nil || t.Serve.FirstDiagnosticsMs == 0 {
		return 0
	}
	return t.Gopls.FirstDiagnosticsMs / t.Serve.FirstDiagnosticsMs
}

// rssRatio compares the servers' own memory: gopls's figure is its own
// (far larger than any go command it runs), gomend's its own from
// gomend/stats (the go commands it runs are charged to the absolute
// target instead).
func (t treeResult) rssRatio() float64 {
	own := t.Serve.OwnPeakRSS
	if own == 0 {
		own = t.Serve.PeakRSS
	}
	if t.Gopls == nil || own == 0 {
		return 0
	}
	return float64(t.Gopls.PeakRSS) / float64(own)
}

func (e goEditResult) triggered() string {
	if e.Snapshots == 0 && e.Diagnoses == 0 && e.Walks == 0 {
		return "nothing"
	}
	return fmt.Sprintf("%d snapshots, %d diagnoses, %d walks", e.Snapshots, e.Diagnoses, e.Walks)
}

// growth compares consecutive generated trees.
func (r *results) growth() [][]string {
	var rows [][]string
	var prev *treeResult
	for i := range r.Trees {
		t := &r.Trees[i]
		if !t.Generated {
			continue
		}
		if prev != nil {
			files := float64(t.Files) / float64(prev.Files)
			g := func(a, b float64) string {
				if a <= 0 || b <= 0 {
					return "–"
				}
				return fmt.Sprintf("%.2f× (%.2f)", b/a, math.Log(b/a)/math.Log(files))
			}
			row := []string{prev.Name + " → " + t.Name, fmt.Sprintf("%.2f×", files),
				g(prev.Check.GomendMedianMs, t.Check.GomendMedianMs), g(prev.Check.FindMedianMs, t.Check.FindMedianMs),
				g(prev.Serve.FirstDiagnosticsMs, t.Serve.FirstDiagnosticsMs), g(float64(prev.Serve.PeakRSS), float64(t.Serve.PeakRSS))}
			if prev.Gopls != nil && t.Gopls != nil {
				row = append(row, g(prev.Gopls.FirstDiagnosticsMs, t.Gopls.FirstDiagnosticsMs), g(float64(prev.Gopls.PeakRSS), float64(t.Gopls.PeakRSS)))
			} else {
				row = append(row, "–", "–")
			}
			rows = append(rows, row)
		}
		prev = t
	}
	return rows
}

type target struct {
	what string
	met  bool
	got  string
}

// targets are the targets, for the trees this run measured.
func (r *results) targets() []target {
	out := r.goBenchTargets()
	for _, t := range r.Trees {
		if t.Name == targetCheckTree && t.Generated {
			out = append(out, target{fmt.Sprintf("cold check ≤ %.1f× find on %s", targetCheckRatio, t.Name),
				t.Check.Ratio <= targetCheckRatio, fmt.Sprintf("%.2f×", t.Check.Ratio)})
		}
		if t.Gopls != nil {
			out = append(out, target{fmt.Sprintf("first diagnostics ≥ %.0f× sooner than gopls on %s", targetSpeedup, t.Name),
				t.speedup() >= targetSpeedup, fmt.Sprintf("%.0f×", t.speedup())})
			out = append(out, target{fmt.Sprintf("peak RSS ≤ 1/%.0f of gopls's on %s", targetRSSRatio, t.Name),
				t.rssRatio() >= targetRSSRatio, fmt.Sprintf("1/%.0f", t.rssRatio())})
		}
		if t.Name == targetHugeTree && t.Generated {
			peak := max(t.Serve.PeakRSS, t.Check.GomendPeakRSS)
			out = append(out, target{fmt.Sprintf("peak RSS ≤ %.0f MiB on %s (serve and check)", float64(targetHugeRSS)/mib, t.Name),
				peak <= targetHugeRSS, mibText(peak)})
		}
		if rc := t.Serve.Recheck; rc != nil {
			out = append(out, target{"no re-walk after a go.work edit on " + t.Name, rc.Rewalks == 0, fmt.Sprintf("%d re-walks", rc.Rewalks)})
		}
		out = append(out, target{".go edits trigger nothing on " + t.Name, t.Serve.GoEdit.triggered() == "nothing", t.Serve.GoEdit.triggered()})
	}
	// The trace targets hold for a gigabyte; a smaller smoke run is too
	// short for the ratio to mean anything.
	if tr := r.Trace; tr != nil && tr.Bytes >= 1<<30 {
		out = append(out, target{fmt.Sprintf("gomend trace ≥ 1/%.0f of wc -l's speed on %.0f MB", targetTraceRatio, float64(tr.Bytes)/1e6),
			tr.Ratio <= targetTraceRatio, fmt.Sprintf("%.2f×, %.0f MB/s", tr.Ratio, tr.MBps)})
		out = append(out, target{fmt.Sprintf("gomend trace peak RSS ≤ %.0f MiB on %.0f MB", float64(targetTraceRSS)/mib, float64(tr.Bytes)/1e6),
			tr.GomendPeakRSS <= targetTraceRSS, mibText(tr.GomendPeakRSS)})
	}
	return out
}

func (r *results) goBenchTargets() []target {
	var out []target
	for _, b := range r.recheckBenchmarks() {
		out = append(out, target{fmt.Sprintf("recheck after a go.work edit < %.0f ms on 50 modules (%s)", targetRecheckNs/1e6, b.Name),
			b.NsPerOp < targetRecheckNs, fmt.Sprintf("%.3f ms, %.0f allocs/op", b.NsPerOp/1e6, b.AllocsPerOp)})
	}
	return out
}

func (r *results) targetsMet() bool {
	for _, t := range r.targets() {
		if !t.met {
			return false
		}
	}
	return true
}

func msText(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%.2f s", v/1000)
	}
	return fmt.Sprintf("%.1f ms", v)
}

func mibText(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/mib) }
