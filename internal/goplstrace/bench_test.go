package goplstrace

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/gomend/gomend/internal/benchtree"
)

// benchTrace returns at least size bytes of generated sessions.
func benchTrace(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString(benchtree.TraceSession(i))
	}
	return b.Bytes()
}

// TestWriteBenchTrace writes the generated trace to $GOPLSTRACE_WRITE
// (megabytes in $GOPLSTRACE_MB, 64 by default), for profiling and for
// timing gomend trace end to end.
func TestWriteBenchTrace(t *testing.T) {
	path := os.Getenv("GOPLSTRACE_WRITE")
	if path == "" {
		t.Skip("GOPLSTRACE_WRITE not set")
	}
	mb := 64
	if v := os.Getenv("GOPLSTRACE_MB"); v != "" {
		mb, _ = strconv.Atoi(v)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i, n := 0, 0; n < mb<<20; i++ {
		k, _ := w.WriteString(benchtree.TraceSession(i))
		n += k
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

var benchData []byte

func loadBenchData(b *testing.B) []byte {
	if benchData == nil {
		// A file written by TestWriteBenchTrace saves generating it (and
		// keeps the generator out of profiles).
		if path := os.Getenv("GOPLSTRACE_BENCHFILE"); path != "" {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			benchData = data
		} else {
			benchData = benchTrace(64 << 20)
		}
	}
	return benchData
}

// BenchmarkSummarizeGenerated is Summarize on 64 MB of the trace
// gomend-bench generates, in memory.
func BenchmarkSummarizeGenerated(b *testing.B) {
	data := loadBenchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarize(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummarizeGeneratedSerial is the same in one part.
func BenchmarkSummarizeGeneratedSerial(b *testing.B) {
	data := loadBenchData(b)
	defer func(n int) { parallelParts = n }(parallelParts)
	parallelParts = 1
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarize(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFastLoop is the fast path alone over data already in memory,
// and the summarizer's use of its records, in the steady state of a long
// trace (its lists full): no reading, one core.
func BenchmarkFastLoop(b *testing.B) {
	data := loadBenchData(b)
	s := NewScanner(bytes.NewReader(nil))
	s.lines = 1
	z := &summarizer{sum: &Summary{}, crash: -1}
	pass := func() {
		pos := z.fastRecords(s, data, 0)
		if pos < len(data)-1000 {
			b.Fatalf("stopped at %d", pos)
		}
	}
	pass()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		pass()
	}
}

// TestSummarizeFile summarizes $GOPLSTRACE_FILE (a file written by
// TestWriteBenchTrace, say) three times and reports the time.
func TestSummarizeFile(t *testing.T) {
	path := os.Getenv("GOPLSTRACE_FILE")
	if path == "" {
		t.Skip("GOPLSTRACE_FILE not set")
	}
	for range 3 {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		start := time.Now()
		sum, err := Summarize(f)
		el := time.Since(start)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: %.0f MB/s, %d lines, %d records", el, float64(fi.Size())/1e6/el.Seconds(), sum.Lines, sum.Records)
	}
}
