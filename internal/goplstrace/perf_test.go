package goplstrace

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Summarize's memory does not grow with its input: 200 MB of a long
// session, generated as it is read, keep the heap small and every list
// within MaxKept.
func TestSummarizeMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200 MB")
	}
	const total = 200 << 20
	block := sessionBlock(4 << 20)
	runtime.GC()
	var peak uint64
	var ms runtime.MemStats
	n := 0
	r := &repeatReader{block: block, left: int64(total / len(block) * len(block)), every: func() {
		if n++; n%8 == 0 { // ReadMemStats stops the world: not every MiB
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}}
	start := time.Now()
	sum, err := Summarize(r)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	t.Logf("%d MB, %d lines, %d records in %v (%.0f MB/s); peak HeapInuse %.1f MiB; dropped %d",
		total>>20, sum.Lines, sum.Records, elapsed, float64(total)/1e6/elapsed.Seconds(), float64(peak)/(1<<20), sum.Dropped)
	if peak > 64<<20 {
		t.Errorf("HeapInuse reached %.1f MiB", float64(peak)/(1<<20))
	}
	lists := map[string]int{
		"Views": len(sum.Views), "Logs": len(sum.Logs), "Messages": len(sum.Messages), "Progress": len(sum.Progress),
		"Diagnostics": len(sum.Diagnostics), "Failures": len(sum.Failures), "Opened": len(sum.Opened),
		"Loads": len(sum.Loads), "Crashes": len(sum.Crashes),
	}
	for name, n := range lists {
		if n > MaxKept {
			t.Errorf("%s has %d entries", name, n)
		}
	}
	if lists["Loads"] != MaxKept || lists["Diagnostics"] != MaxKept || lists["Failures"] != MaxKept || sum.Dropped == 0 {
		t.Errorf("the stream should fill the lists: %v, dropped %d", lists, sum.Dropped)
	}
	// The last diagnostics are kept, the first loads.
	if d := sum.Diagnostics; d[len(d)-1].Line < sum.Lines-1000 || d[0].Line < sum.Loads[len(sum.Loads)-1].Line {
		t.Errorf("diagnostics kept: lines %d…%d of %d", d[0].Line, d[len(d)-1].Line, sum.Lines)
	}
	if sum.Format != FormatRPCTrace || sum.Truncated {
		t.Errorf("Format %s, Truncated %v", sum.Format, sum.Truncated)
	}
}

// BenchmarkSummarize measures throughput (MB/s) on about 64 MB of trace:
// a long editing session, and the corpus traces (short sessions, mostly
// initialize) end to end.
func BenchmarkSummarize(b *testing.B) {
	const total = 64 << 20
	var corpus []byte
	files, _ := filepath.Glob(filepath.Join(localCorpus, "*.log"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		corpus = append(corpus, data...)
	}
	for _, bc := range []struct {
		name  string
		block []byte
	}{
		{"session", sessionBlock(4 << 20)},
		{"corpus", corpus},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := bytes.Repeat(bc.block, total/len(bc.block)+1)[:total]
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Summarize(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScan is the scanner alone, for comparison.
func BenchmarkScan(b *testing.B) {
	data := bytes.Repeat(sessionBlock(4<<20), 16)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s := NewScanner(bytes.NewReader(data))
		for s.Scan() {
		}
	}
}
