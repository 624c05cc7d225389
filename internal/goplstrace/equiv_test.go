package goplstrace

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fast path (fast.go) and the reading in parts (parallel.go) must
// give what the line-by-line Scanner gives, record for record and summary
// for summary.

// equivInputs are traces of every format and oddity: the corpus (as
// written, with LF and with CRLF line endings), the hand-written channels,
// generated sessions, and records the fast path must leave to Scan.
func equivInputs(t testing.TB) map[string][]byte {
	in := map[string][]byte{
		"legacy":   []byte(legacyChannel),
		"vscode":   []byte(vscodeLog),
		"stderr":   []byte(rawStderr),
		"session":  sessionBlock(300 << 10),
		"bench":    benchTrace(300 << 10),
		"oddities": []byte(oddities),
	}
	files, _ := filepath.Glob(filepath.Join(localCorpus, "*.log"))
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	var all []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		in[name] = data
		all = append(all, data...)
		if strings.HasPrefix(name, "06") || strings.HasPrefix(name, "10b") {
			lf := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
			in[name+"/lf"] = lf
			in[name+"/crlf"] = bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
		}
	}
	in["corpus"] = all
	// Real traces of older gopls versions, when present.
	captured, _ := filepath.Glob(filepath.Join("testdata", "captured", "*", "*.log"))
	for _, f := range captured {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in[f] = data
	}
	in["mixed"] = append(append(append([]byte{}, in["session"][:50000]...), legacyChannel...), in["bench"][:80000]...)
	return in
}

// oddities are records the fast path must read as Scan does, or leave
// to it.
const oddities = "[Trace - 01:18:38.408 AM] Received response 'workspace/symbol - (4)' in 3ms. Request failed: first line\nsecond (line)." + eor +
	"[Trace - 01:18:38.409 AM] Received response 'textDocument/hover - (5)' in 0ms. Request failed: no views (-32603)." + eor +
	"[Trace - 01:18:38.410 AM] Sending request 'shutdown - (9)'.\n" +
	"[Trace - 01:18:38.411 AM] Received response 'shutdown - (9)' in 2ms.\r\n\r\n" +
	"[Trace - 01:18:38.412 AM] Sending notification 'exit'.\nNo parameters provided.\n\n\n" +
	"[Trace - 01:18:38.413 AM] Sending response 'workspace/configuration - (2)'. Processing request took 1ms\nResult: [\n    {}\n]\n\n\n" +
	"[Trace - 01:18:38.414 AM] Received notification 'window/logMessage'.\nParams: {\"type\":1,\"message\":\"x\"}\r\r\n\r\n\r\n" +
	"[Trace - 01:18:38.415 AM] Received notification 'window/logMessage'.\nParams:{\"type\":2,\"message\":\"no space\"}\n \t\n\n" +
	"[Trace - 01:18:38.416 AM] Received notification '$/progress'.\nError data: {\"value\":{\"kind\":\"end\",\"message\":\"failed\"}}" + eor +
	"[Trace - 1:18:38 AM] Received notification 'window/showMessage'.\nParams: {\"type\":1,\"message\":\"no milliseconds\"}" + eor +
	"[Trace - 01:18:38.417 AM]Received notification 'window/showMessage'.\nParams: {}" + eor +
	"[Trace - 01:18:38.418 AM] Received notification 'window/showMessage'\nParams: {}" + eor +
	"[Trace - 01:18:38.419 AM] Received weird 'x'.\nParams: {}" + eor +
	"[Trace - 01:18:38.4]9 AM] Received notification 'window/showMessage'.\nParams: {\"type\":2,\"message\":\"bracket\"}" + eor +
	"[Trace - 01:18:38.420 AM] Sending request 'initialize - (1)'.\nParams: {\"rootUri\":\"file:///w\"}\r\n" +
	"[Error - Received] 01:30:15.710 AM #9 no views" + eor +
	"[Trace - 01:18:38.421 AM] Sending request 'textDocument/hover - (abc)'.\nParams: {}" + eor +
	"[Error - Received] 01:30:15.711 AM #abc not a number" + eor +
	"[Trace - 01:18:38.422 AM] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///w/a.go\",\"diagnostics\":[ ]}" + eor +
	"[Trace - 01:18:38.423 AM] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///w/b.go\",\"diagnostics\":[]}" + eor +
	"[Trace - 01:18:38.424 AM] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///w/c.go\",\"diagnostics\":null}" + eor +
	"[Trace - 01:18:38.425 AM] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"diagnostics\":[{\"message\":\"x\"}],\"uri\":\"file:///w/d.go\"}" + eor +
	"panic: boom\n\ngoroutine 1 [running]:\n" +
	"[Trace - 01:18:38.426 AM] Received notification 'window/logMessage'.\nParams: {\"type\":3,\"message\":\"2026/11/22 01:18:38 Created View (#1)\\n\\tdirectory=/w\\n\"}" + eor +
	"[Trace - 01:18:38.427 AM] Sending notification 'textDocument/didOpen'.\nParams: {\"textDocument\":{\"uri\":\"file:///w/go.mod\",\"languageId\":\"go.mod\",\"text\":\"module m\\n\"}}" + eor +
	"[Trace - 01:18:38.428 AM] Received response 'initialize - (1)' in 1ms.\nResult: {\"serverInfo\":{\"name\":\"gopls\",\"version\":\"v0.1.0\"}}" + eor +
	"[Trace - 01:18:38.429 AM] Received notification 'window/logMessage'.\nParams: {\"type\":1,\"message\":\"cut at the end"

// recFields flattens a rec for comparison: byte slices as strings, and
// without the fields only the fast path sets (where a body lies) or only
// Scan uses (its buffers).
func recFields(r *rec) map[string]any {
	out := map[string]any{}
	v := reflect.ValueOf(r).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		switch name {
		case "bodyBuf", "bodyAt", "bodyIn":
			continue
		}
		f := v.Field(i)
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			out[name] = string(f.Bytes())
		} else {
			out[name] = fmt.Sprintf("%v", f)
		}
	}
	return out
}

// scanRecs reads data with Scan alone, or (fast) as Summarize does, every
// record read by the fast path.
func scanRecs(data []byte, fast bool) (recs []map[string]any, s *Scanner, fastN int) {
	s = NewScanner(bytes.NewReader(data))
	for {
		if fast && s.clean() {
			b := s.buffered()
			pos := 0
			for {
				n, res := s.fastRecord(b[pos:], s.consumed+int64(pos))
				pos += n
				if res == fastNone {
					break
				}
				recs = append(recs, recFields(&s.fast))
				fastN++
			}
			s.r.Discard(pos)
			s.consumed += int64(pos)
		}
		if !s.Scan() {
			break
		}
		recs = append(recs, recFields(&s.out))
	}
	return recs, s, fastN
}

func TestFastPathSame(t *testing.T) {
	defer func(b bool) { fastSkip = b }(fastSkip)
	fastSkip = false
	def, sizes := readBuf, []int{readBuf, 4096, 300}
	if testing.Short() {
		sizes = sizes[:2]
	}
	for _, size := range sizes {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			defer func(n int) { readBuf = n }(readBuf)
			readBuf = size
			total := 0
			for name, data := range equivInputs(t) {
				want, ws, _ := scanRecs(data, false)
				got, gs, n := scanRecs(data, true)
				total += n
				if len(got) != len(want) {
					t.Errorf("%s: %d records, want %d", name, len(got), len(want))
					continue
				}
				for i := range want {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("%s: record %d:\n got %v\nwant %v", name, i, got[i], want[i])
						break
					}
				}
				if gs.lines != ws.lines || gs.counts != ws.counts || gs.truncated != ws.truncated ||
					gs.consumed != ws.consumed || gs.consumed != int64(len(data)) {
					t.Errorf("%s: lines %d/%d, counts %v/%v, truncated %v/%v, consumed %d/%d of %d", name,
						gs.lines, ws.lines, gs.counts, ws.counts, gs.truncated, ws.truncated, gs.consumed, ws.consumed, len(data))
				}
			}
			if size == def && total < 5000 {
				t.Errorf("the fast path read only %d records", total)
			}
		})
	}
}

func summarizeWith(t testing.TB, data []byte, fast bool) *Summary {
	defer func(b bool, n int) { fastPath, parallelParts = b, n }(fastPath, parallelParts)
	fastPath, parallelParts = fast, 1
	sum, err := Summarize(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestSummarizeFastSame(t *testing.T) {
	for name, data := range equivInputs(t) {
		want := summarizeWith(t, data, false)
		got := summarizeWith(t, data, true)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: summaries differ:\n got %+v\nwant %+v", name, got, want)
		}
	}
	// Cut anywhere.
	data := equivInputs(t)["06-gowork-uses-missing-dir.log"]
	for cut := 0; cut < len(data); cut += 37 {
		want := summarizeWith(t, data[:cut], false)
		got := summarizeWith(t, data[:cut], true)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("cut at %d: summaries differ:\n got %+v\nwant %+v", cut, got, want)
		}
	}
}

// headerStarts returns the offsets of the lines of data that can start a
// part.
func headerStarts(data []byte) []int64 {
	var out []int64
	for off := 0; off < len(data); {
		k := bytes.IndexByte(data[off:], '\n')
		if k < 0 {
			break
		}
		if off > 0 && isRPCHeader(trimCR(data[off:off+k])) {
			out = append(out, int64(off))
		}
		off += k + 1
	}
	return out
}

func TestPartsSame(t *testing.T) {
	for name, data := range equivInputs(t) {
		want := summarizeWith(t, data, true)
		starts := headerStarts(data)
		splits := 40
		if testing.Short() {
			splits = 6
		}
		step := max(1, len(starts)/splits)
		for i := 0; i < len(starts); i += step {
			for _, bounds := range [][]int64{
				{0, starts[i], int64(len(data))},
				{0, starts[i/2], starts[i], int64(len(data))},
			} {
				if bounds[1] >= bounds[2] {
					continue
				}
				// Read through the ReaderAt, and in memory as a mapped file is.
				got, err := summarizeBounds(bytes.NewReader(data), bounds, nil)
				if err != nil {
					t.Fatal(err)
				}
				gotMem, err := summarizeBounds(bytes.NewReader(data), bounds, &mapping{data: data})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(gotMem, want) {
					t.Errorf("%s split at %v, in memory: summaries differ:\n got %+v\nwant %+v", name, bounds, gotMem, want)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s split at %v: summaries differ:\n got %+v\nwant %+v", name, bounds, got, want)
					break
				}
			}
		}
	}
}

// TestPartsOverflow: lists that overflow MaxKept in either part, or only
// once merged, keep the same entries and count the same drops.
func TestPartsOverflow(t *testing.T) {
	var b strings.Builder
	stamp := "[Trace - 01:18:38.408 AM] "
	for i := range 3100 {
		fmt.Fprintf(&b, "%sSending request 'textDocument/hover - (%d)'.\nParams: {}"+eor, stamp, i)
		if i%2 == 0 {
			fmt.Fprintf(&b, "[Error - Received] 01:30:15.710 AM #%d no views %d"+eor, i, i)
		} else {
			fmt.Fprintf(&b, "%sReceived response 'textDocument/hover - (%d)' in 0ms. Request failed: no views %d."+eor, stamp, i, i)
		}
		fmt.Fprintf(&b, "%sReceived notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///w/%d.go\",\"diagnostics\":[{\"message\":\"m%d\"}]}"+eor, stamp, i, i)
		if i%3 == 0 {
			fmt.Fprintf(&b, "%sReceived notification 'window/logMessage'.\nParams: {\"type\":3,\"message\":\"2026/11/22 01:18:38 go/packages.Load #%d\\n\\tpackages=%d\\n\\tduration=1ms\\n\"}"+eor, stamp, i, i)
			fmt.Fprintf(&b, "%sReceived notification 'window/logMessage'.\nParams: {\"type\":2,\"message\":\"warning %d\"}"+eor, stamp, i)
			fmt.Fprintf(&b, "%sReceived notification 'window/showMessage'.\nParams: {\"type\":1,\"message\":\"shown %d\"}"+eor, stamp, i)
			fmt.Fprintf(&b, "%sReceived notification '$/progress'.\nParams: {\"value\":{\"kind\":\"begin\",\"title\":\"Error %d\"}}"+eor, stamp, i)
			fmt.Fprintf(&b, "panic: boom %d\n\ngoroutine 1 [running]:\nmain.main()\n", i)
		}
	}
	data := []byte(b.String())
	want := summarizeWith(t, data, true)
	if want.Dropped == 0 || len(want.Failures) != MaxKept || len(want.Diagnostics) != MaxKept || len(want.Crashes) != MaxKept {
		t.Fatalf("the input should overflow the lists: dropped %d, %d failures, %d diagnostics, %d crashes",
			want.Dropped, len(want.Failures), len(want.Diagnostics), len(want.Crashes))
	}
	starts := headerStarts(data)
	for _, f := range []int{1, 5, 20, 50, 80, 99} {
		i := len(starts) * f / 100
		for _, bounds := range [][]int64{
			{0, starts[i], int64(len(data))},
			{0, starts[i/3], starts[i], starts[(i+len(starts))/2], int64(len(data))},
		} {
			for _, mem := range []*mapping{nil, {data: data}} {
				got, err := summarizeBounds(bytes.NewReader(data), bounds, mem)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("split at %v (in memory: %v): summaries differ (dropped %d, want %d)", bounds, mem != nil, got.Dropped, want.Dropped)
				}
			}
		}
	}
}

// Ids that are not numbers are kept in a map emptied when full: when the
// part before emptied it, the parts are read again in one.
func TestPartsOtherIDs(t *testing.T) {
	var b strings.Builder
	stamp := "[Trace - 01:18:38.408 AM] "
	for i := range maxOther + 10 {
		fmt.Fprintf(&b, "%sSending request 'm%d - (id%d)'.\nParams: {}"+eor, stamp, i%7, i)
	}
	mid := b.Len()
	fmt.Fprintf(&b, "%sSending request 'late - (x)'.\nParams: {}"+eor, stamp)
	fmt.Fprintf(&b, "[Error - Received] 01:30:15.710 AM #id%d no views"+eor, maxOther+5)
	fmt.Fprintf(&b, "[Error - Received] 01:30:15.710 AM #id3 forgotten"+eor)
	data := []byte(b.String())
	want := summarizeWith(t, data, true)
	got, err := summarizeBounds(bytes.NewReader(data), []int64{0, int64(mid), int64(len(data))}, nil)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("summaries differ: %v\n got %+v\nwant %+v", err, got.Failures, want.Failures)
	}
	if len(want.Failures) != 2 || want.Failures[0].Value.Method != "m6" || want.Failures[1].Value.Method != "" {
		t.Errorf("failures: %+v", want.Failures)
	}
}

// Summarize reads a file in parts, and leaves it at its end.
func TestSummarizeFileInParts(t *testing.T) {
	defer func(n int64, p int) { parallelMin, parallelParts = n, p }(parallelMin, parallelParts)
	parallelMin, parallelParts = 1<<10, 3
	data := equivInputs(t)["corpus"]
	want := summarizeWith(t, data, true)
	path := filepath.Join(t.TempDir(), "trace.log")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Summarize(f)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("summaries differ: %v", err)
	}
	if off, _ := f.Seek(0, 1); off != int64(len(data)) {
		t.Errorf("left at %d of %d", off, len(data))
	}
	// From where a reader stands.
	r := bytes.NewReader(append([]byte("garbage\n"), data...))
	r.Seek(8, 0)
	if got, err := Summarize(r); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("from an offset: summaries differ: %v", err)
	}
}

// FuzzFastPath: whatever the input, the fast path and a reading in parts
// summarize it as Scan alone does.
func FuzzFastPath(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add([]byte(s))
	}
	f.Add([]byte(oddities))
	f.Add(benchTrace(1)[:20000])
	f.Fuzz(func(t *testing.T, data []byte) {
		want := summarizeWith(t, data, false)
		if got := summarizeWith(t, data, true); !reflect.DeepEqual(got, want) {
			t.Fatalf("fast path:\n got %+v\nwant %+v", got, want)
		}
		starts := headerStarts(data)
		if len(starts) == 0 {
			return
		}
		bounds := []int64{0, starts[len(starts)/2], int64(len(data))}
		for _, mem := range []*mapping{nil, {data: data}} {
			got, err := summarizeBounds(bytes.NewReader(data), bounds, mem)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("in parts at %v (in memory: %v): %v\n got %+v\nwant %+v", bounds, mem != nil, err, got, want)
			}
		}
	})
}
