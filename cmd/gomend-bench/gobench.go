package main

import (
	"fmt"
	"math"
	"os"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// goBenchmark is one result of `go test -bench -benchmem`, which make bench
// runs first: the recheck target is judged on it (the in-server figure is a
// single cold run after the debounce, for comparison).
type goBenchmark struct {
	Name        string  `json:"name"` // as printed, with the GOMAXPROCS suffix
	Iterations  int     `json:"iterations"`
	NsPerOp     float64 `json:"nsPerOp"`
	BytesPerOp  float64 `json:"bytesPerOp"`
	AllocsPerOp float64 `json:"allocsPerOp"`
}

// readGoBench reads the benchmark lines of a `go test -bench` output; the
// rest of the output (PASS, ok, logs) is skipped.
func readGoBench(path string) ([]goBenchmark, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []goBenchmark
	r := benchfmt.NewReader(f, path)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // a syntax error or unit metadata: not a result
		}
		b := goBenchmark{Name: string(res.Name.Full()), Iterations: res.Iters}
		sec, _ := res.Value("sec/op")          // benchfmt normalises ns/op to seconds
		b.NsPerOp = math.Round(sec*1e12) / 1e3 // back to ns, without float noise
		b.BytesPerOp, _ = res.Value("B/op")
		b.AllocsPerOp, _ = res.Value("allocs/op")
		out = append(out, b)
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return out, nil
}

// recheckBenchmarks are the go.work-edit benchmarks on 50 modules, which
// carry the "under 1 ms" target.
func (r *results) recheckBenchmarks() []goBenchmark {
	var out []goBenchmark
	for _, b := range r.GoBenchmarks {
		if strings.HasPrefix(b.Name, "RecheckAfterEdit/50modules/") {
			out = append(out, b)
		}
	}
	return out
}
