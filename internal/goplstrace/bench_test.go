package goplstrace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchSession is one session of the generated trace gomend-bench times
// (cmd/gomend-bench/trace.go, traceSession), numbered i: initialize, a
// Created View, a load, forty hovers with their diagnostics, an error.
func benchSession(i int) string {
	var b strings.Builder
	clock := func(k int) string {
		s := (i*97 + k) % 86400
		return fmt.Sprintf("%02d:%02d:%02d.%03d AM", s/3600, s/60%60, s%60, k%1000)
	}
	rec := func(k int, header, kind string, body any) {
		data, _ := json.Marshal(body)
		fmt.Fprintf(&b, "[Trace - %s] %s\n%s: %s\r\n\r\n\r\n", clock(k), header, kind, data)
	}
	dir := fmt.Sprintf("/home/dev/ws/project-%d", i%50)
	rec(0, "Sending request 'initialize - (1)'.", "Params", map[string]any{
		"processId": 1000 + i, "rootUri": "file://" + dir,
		"workspaceFolders": []map[string]string{{"uri": "file://" + dir, "name": filepath.Base(dir)}},
		"clientInfo":       map[string]string{"name": "Visual Studio Code", "version": "1.96.0"},
	})
	rec(1, "Received response 'initialize - (1)' in 1ms.", "Result", map[string]any{
		"serverInfo": map[string]string{"name": "gopls", "version": `{"GoVersion":"go1.27.4","Path":"golang.org/x/tools/gopls","Main":{"Path":"golang.org/x/tools/gopls","Version":"v0.24.0"}}`},
	})
	rec(2, "Received notification 'window/logMessage'.", "Params", map[string]any{"type": 3, "message": "2026/11/22 01:18:38 Created View (#1)\n\tdirectory=" + dir +
		"\n\tview_type=\"GoMod\"\n\troot_dir=\"file://" + dir + "\"\n\tgo_version=\"go version go1.26.8 linux/amd64\"\n\tbuild_flags=[]\n\tenv={GOOS:linux GOARCH:amd64 GOCACHE:/home/dev/.cache/go-build GOMODCACHE:/home/dev/go/pkg/mod GOPATH:/home/dev/go GOPRIVATE: GOFLAGS: GO111MODULE: GOTOOLCHAIN:local GOROOT:/usr/local/go GoVersion:26 GoVersionOutput:go version go1.26.8 linux/amd64\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}\n\tenv_overlay=[]\n"})
	rec(3, "Received notification 'window/logMessage'.", "Params", map[string]any{"type": 3, "message": fmt.Sprintf(
		"2026/11/22 01:18:38 go/packages.Load #1\n\tview_id=\"1\"\n\tsnapshot=0\n\tdirectory=%s\n\tquery=[%s/... builtin]\n\tpackages=%d\n\tduration=%dms\n", dir, dir, 40+i%7, 200+i%300)})
	for k := 0; k < 40; k++ {
		id := 2 + k
		file := fmt.Sprintf("file://%s/pkg%d/file%d.go", dir, k%9, k)
		rec(10+k, fmt.Sprintf("Sending request 'textDocument/hover - (%d)'.", id), "Params", map[string]any{
			"textDocument": map[string]string{"uri": file}, "position": map[string]int{"line": k, "character": 7},
		})
		rec(11+k, fmt.Sprintf("Received response 'textDocument/hover - (%d)' in %dms.", id, k%5), "Result", map[string]any{
			"contents": map[string]string{"kind": "markdown", "value": "```go\nfunc (s *Server) Handle(ctx context.Context, req *Request) (*Response, error)\n```\n\nHandle serves one request <with> & escapes."},
			"range":    map[string]any{"start": map[string]int{"line": k, "character": 5}, "end": map[string]int{"line": k, "character": 11}},
		})
		rec(12+k, "Received notification 'textDocument/publishDiagnostics'.", "Params", map[string]any{
			"uri": file, "version": k, "diagnostics": []map[string]any{{
				"range":    map[string]any{"start": map[string]int{"line": 3, "character": 1}, "end": map[string]int{"line": 3, "character": 9}},
				"severity": 2, "source": "unusedfunc", "message": fmt.Sprintf("function \"helper%d\" is unused", k),
			}},
		})
	}
	fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/definition - (99)' in 0ms. Request failed: no package metadata for file file://%s/main.go.\r\n\r\n\r\n", clock(90), dir)
	return b.String()
}

// benchTrace returns at least size bytes of generated sessions.
func benchTrace(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString(benchSession(i))
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
		k, _ := w.WriteString(benchSession(i))
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
		pos := 0
		for {
			n, res := s.fastRecord(data[pos:], int64(pos))
			pos += n
			if res == fastNone {
				break
			}
			if res == fastSkipped {
				z.sum.Records++
				z.crash = -1
				continue
			}
			z.record(s, &s.fast)
		}
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
