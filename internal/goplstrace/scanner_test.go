package goplstrace

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func scanAll(t *testing.T, input string) ([]Record, *Scanner) {
	t.Helper()
	s := NewScanner(strings.NewReader(input))
	var out []Record
	for s.Scan() {
		out = append(out, s.Record())
	}
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	return out, s
}

func summarize(t *testing.T, input string) *Summary {
	t.Helper()
	sum, err := Summarize(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// gopls's record terminator.
const eor = "\r\n\r\n\r\n"

// v0.16–v0.23 wrote failed responses without the method.
func TestOldErrorResponse(t *testing.T) {
	input := "[Trace - 01:30:15.700 AM] Sending request 'textDocument/hover - (2)'.\n" +
		`Params: {"textDocument":{"uri":"file:///w/main.go"},"position":{"line":3,"character":6}}` + eor +
		"[Trace - 01:30:15.701 AM] Received request 'workspace/configuration - (2)'.\n" +
		`Params: {"items":[{"section":"gopls"}]}` + eor +
		"[Error - Received] 01:30:15.710 AM #2 no views" + eor +
		"[Trace - 01:30:15.711 AM] Sending response 'workspace/configuration - (2)' in 1ms.\nResult: [{}]" + eor
	recs, s := scanAll(t, input)
	if len(recs) != 4 || s.Format() != FormatRPCTrace {
		t.Fatalf("%d records, %s: %+v", len(recs), s.Format(), recs)
	}
	e := recs[2]
	if e.Kind != KindResponse || !e.Received || e.Method != "textDocument/hover" || e.ID != "2" ||
		e.Err != "no views" || e.Time != "01:30:15.710 AM" || e.Line != 9 || e.Body != nil {
		t.Errorf("error record: %+v", e)
	}
	// The other direction's id 2 is another request.
	if r := recs[3]; r.Method != "workspace/configuration" || r.Received || r.LatencyMs != 1 || string(r.Body) != "[{}]" {
		t.Errorf("response: %+v", r)
	}
	sum := summarize(t, input)
	if !reflect.DeepEqual(sum.Failures, []Located[Failure]{{9, Failure{"textDocument/hover", "2", "no views"}}}) {
		t.Errorf("failures: %+v", sum.Failures)
	}
}

// Before April 2020 the error line had the time in the bracket.
func TestPre2020ErrorResponse(t *testing.T) {
	input := "[Trace - 16:21:32.900 PM] Sending request 'textDocument/definition - (2)'.\n" +
		`Params: {"textDocument":{"uri":"file:///w/main.go"}}` + eor +
		"[Error - 16:21:32.906 PM] Received #2 getting file for Identifier: no PackageHandles" + eor
	sum := summarize(t, input)
	want := []Located[Failure]{{5, Failure{"textDocument/definition", "2", "getting file for Identifier: no PackageHandles"}}}
	if !reflect.DeepEqual(sum.Failures, want) || sum.Format != FormatRPCTrace {
		t.Errorf("failures: %+v, format %s", sum.Failures, sum.Format)
	}
}

// v0.24.0's failed responses, with and without a code, and an error
// message with a newline in it.
func TestRequestFailed(t *testing.T) {
	input := "[Trace - 01:19:46.189 AM] Received response 'textDocument/hover - (2)' in 0ms. Request failed: no views." + eor +
		"[Trace - 01:19:46.190 AM] Received response 'textDocument/definition - (3)' in 12ms. Request failed: no package metadata for file file:///w/main.go (-32603)." + eor +
		"[Trace - 01:19:46.191 AM] Received response 'workspace/symbol - (4)' in 3ms. Request failed: first line\nsecond (line)." + eor
	recs, _ := scanAll(t, input)
	want := []struct {
		method, id, err string
		latency         int
	}{
		{"textDocument/hover", "2", "no views", 0},
		{"textDocument/definition", "3", "no package metadata for file file:///w/main.go", 12},
		{"workspace/symbol", "4", "first line\nsecond (line)", 3},
	}
	if len(recs) != len(want) {
		t.Fatalf("records: %+v", recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.Method != w.method || r.ID != w.id || r.Err != w.err || r.LatencyMs != w.latency || r.Kind != KindResponse {
			t.Errorf("record %d: %+v", i, r)
		}
	}
	if recs[2].Line != 7 || recs[2].EndLine != 8 {
		t.Errorf("lines: %d-%d", recs[2].Line, recs[2].EndLine)
	}
}

// The VS Code "gopls (server)" channel of languageclient ≤ 9, with gopls's
// stderr (an -rpc.trace record, then a panic) appended raw.
const legacyChannel = `[Info  - 4:21:29 PM] 2020/04/21 16:21:29 go/packages.Load
	snapshot=0
	directory=/home/repo/mattl/gitRepos/vonu-mgmt
	query=[./ builtin]
	packages=2

[Error - 4:21:32 PM] Request textDocument/definition failed.
  Message: getting file for Identifier: no PackageHandles
  Code: 0 
[Trace - 4:21:29 PM] Sending request 'initialize - (0)'.
Params: {
    "processId": 1234,
    "rootUri": "file:///home/u/my%20proj",
    "workspaceFolders": [
        {
            "uri": "file:///home/u/my%20proj",
            "name": "my proj"
        }
    ],
    "clientInfo": {
        "name": "Visual Studio Code",
        "version": "1.90.0"
    }
}


[Trace - 16:21:30.002 PM] Received response 'initialize - (0)' in 15ms.` + "\r\n" +
	`Result: {"capabilities":{},"serverInfo":{"name":"gopls","version":"v0.4.0"}}` + eor +
	`[Warn  - 16:21:31] 2020/04/21 16:21:31 errors loading workspace: You are outside of a module and outside of $GOPATH/src.
If you are using modules, please open your editor to a directory in your module.
[Info  - 16:21:31] 2020/04/21 16:21:31 go env for /home/u/my proj
(root /home/u/my proj)
(go version go version go1.14.2 linux/amd64)
(valid build configuration = false)
(build flags: [])
GOPATH=/home/u/go
GOMOD=/dev/null
GO111MODULE=on
[Trace - 3:24:15 AM] Received response 'textDocument/codeAction - (819)' in 531ms.
Result: null


panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x8a2c8f]

goroutine 1 [running]:
golang.org/x/tools/internal/lsp/cache.(*snapshot).load(...)
	/home/u/go/pkg/mod/golang.org/x/tools@v0.0.0/internal/lsp/cache/load.go:12 +0x1d
[Info  - 4:21:40 PM] Connection to server got closed. Server will restart.
`

func TestVSCodeLegacyChannel(t *testing.T) {
	recs, s := scanAll(t, legacyChannel)
	if s.Format() != FormatVSCodeLegacy {
		t.Errorf("Format = %s", s.Format())
	}
	kinds := make([]Kind, len(recs))
	for i, r := range recs {
		kinds[i] = r.Kind
	}
	want := []Kind{KindLog, KindLog, KindRequest, KindResponse, KindLog, KindLog, KindResponse,
		KindText, KindText, KindText, KindText, KindText, KindLog}
	if !slices.Equal(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	if r := recs[0]; r.Level != "info" || r.Time != "4:21:29 PM" || r.Line != 1 || r.EndLine != 5 ||
		r.Text != "2020/04/21 16:21:29 go/packages.Load\n\tsnapshot=0\n\tdirectory=/home/repo/mattl/gitRepos/vonu-mgmt\n\tquery=[./ builtin]\n\tpackages=2" {
		t.Errorf("log: %+v", r)
	}
	if r := recs[1]; r.Level != "error" || r.Text != "Request textDocument/definition failed.\n  Message: getting file for Identifier: no PackageHandles\n  Code: 0" {
		t.Errorf("error: %+v", r)
	}
	if r := recs[2]; r.Method != "initialize" || r.ID != "0" || r.Received || r.Time != "4:21:29 PM" ||
		!bytes.HasPrefix(r.Body, []byte("{\n    \"processId\": 1234,")) || !bytes.HasSuffix(r.Body, []byte("    }\n}")) || r.EndLine != 24 {
		t.Errorf("request: %+v", r)
	}
	if r := recs[4]; r.Level != "warning" || r.Time != "16:21:31" || !strings.HasSuffix(r.Text, "directory in your module.") {
		t.Errorf("24-hour line: %+v", r)
	}
	if r := recs[6]; r.Method != "textDocument/codeAction" || r.LatencyMs != 531 || string(r.Body) != "null" {
		t.Errorf("client trace response: %+v", r)
	}

	sum := summarize(t, legacyChannel)
	if sum.Init == nil || sum.Init.RootURI != "file:///home/u/my%20proj" || len(sum.Init.Folders) != 1 ||
		sum.Init.Folders[0].Path != "/home/u/my proj" || sum.Init.ClientVersion != "1.90.0" || sum.InitLine != 10 {
		t.Errorf("init: %+v", sum.Init)
	}
	if sum.Server == nil || sum.Server.GoplsVersion != "v0.4.0" {
		t.Errorf("server: %+v", sum.Server)
	}
	if len(sum.Loads) != 1 || sum.Loads[0].Value != (Load{Packages: 2, Directory: "/home/repo/mattl/gitRepos/vonu-mgmt", Query: "[./ builtin]", Type: 3}) {
		t.Errorf("loads: %+v", sum.Loads)
	}
	if want := []Located[Failure]{{7, Failure{Method: "textDocument/definition", Err: "getting file for Identifier: no PackageHandles"}}}; !reflect.DeepEqual(sum.Failures, want) {
		t.Errorf("failures: %+v", sum.Failures)
	}
	if len(sum.Logs) != 2 || sum.Logs[1].Value.Type != 2 || !strings.HasPrefix(sum.Logs[1].Value.Message, "errors loading workspace: You are outside") {
		t.Errorf("logs: %+v", sum.Logs)
	}
	if len(sum.Views) != 1 || sum.Views[0].Value.Directory != "/home/u/my proj" || sum.Views[0].Value.Env["GO111MODULE"] != "on" {
		t.Errorf("views: %+v", sum.Views)
	}
	if len(sum.Crashes) != 2 || !strings.HasPrefix(sum.Crashes[0].Value, "panic: runtime error") ||
		!strings.HasSuffix(sum.Crashes[0].Value, "load.go:12 +0x1d") || !strings.Contains(sum.Crashes[0].Value, "\ngoroutine 1 [running]:\n") ||
		!strings.HasPrefix(sum.Crashes[1].Value, "Connection to server got closed.") {
		t.Errorf("crashes: %+v", sum.Crashes)
	}
	if sum.Truncated {
		t.Error("truncated")
	}
}

// The VS Code log channels of languageclient ≥ 10: every entry has a date
// and a level, gopls's stderr arrives one "[error]" line per line.
const vscodeLog = `2026-08-20 10:11:12.100 [error] [Trace - 10:11:12.099 AM] Sending request 'initialize - (1)'.
2026-08-20 10:11:12.100 [error] Params: {"processId":1,"rootUri":"file:///home/u/proj","clientInfo":{"name":"Visual Studio Code","version":"1.104.0"}}
2026-08-20 10:11:12.100 [error] 
2026-08-20 10:11:12.100 [error] 
2026-08-20 10:11:12.120 [error] [Trace - 10:11:12.119 AM] Received response 'initialize - (1)' in 19ms.
2026-08-20 10:11:12.120 [error] Result: {"serverInfo":{"name":"gopls","version":"{\"GoVersion\":\"go1.27.4\",\"Path\":\"golang.org/x/tools/gopls\",\"Main\":{\"Path\":\"golang.org/x/tools/gopls\",\"Version\":\"v0.24.0\"}}"}}
2026-08-20 10:11:12.345 [info] 2026/08/20 10:11:12 Created View (#1)
	directory=/home/u/proj
	view_type="GoMod"
	root_dir="file:///home/u/proj"
	go_version="go version go1.25.0 linux/amd64"
	build_flags=[]
	env={GOOS:linux GOARCH:amd64 GOCACHE:/home/u/.cache/go-build GOMODCACHE:/home/u/go/pkg/mod GOPATH:/home/u/go GOPRIVATE: GOFLAGS: GO111MODULE: GOTOOLCHAIN:auto GOROOT:/usr/local/go GoVersion:25 GoVersionOutput:go version go1.25.0 linux/amd64
 ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}
	env_overlay=[]
2026-08-20 10:11:13.001 [error] Request textDocument/hover failed.
  Message: no package metadata for file file:///home/u/proj/x.go
  Code: 0 
2026-08-20 10:11:13.200 [error] [Trace - 10:11:13.199 AM] Received notification 'window/logMessage'.
2026-08-20 10:11:13.200 [error] Params: {"type":1,"message":"2026/08/20 10:11:13 errors loading workspace: go: go.mod requires go \u003e= 1.99"}
2026-08-20 10:11:13.300 [trace] Sending notification 'textDocument/didOpen'.
Params: {
    "textDocument": {
        "uri": "file:///home/u/proj/go.mod",
        "languageId": "go.mod",
        "version": 1,
        "text": "module example.com/p\n\ngo 1.25\n"
    }
}


2026-08-20 10:11:14.000 [error] panic: runtime error: index out of range [3] with length 3
2026-08-20 10:11:14.000 [error] 
2026-08-20 10:11:14.000 [error] goroutine 1 [running]:
2026-08-20 10:11:14.000 [error] golang.org/x/tools/gopls/internal/cache.(*View).foo(...)
2026-08-20 10:11:14.000 [error] 	/go/pkg/mod/golang.org/x/tools/gopls@v0.24.0/internal/cache/view.go:12 +0x1d
2026-08-20 10:11:14.500 [warning] Connection to server got closed. Server will restart.
`

func TestVSCodeLogChannel(t *testing.T) {
	recs, s := scanAll(t, vscodeLog)
	if s.Format() != FormatVSCodeLog {
		t.Errorf("Format = %s", s.Format())
	}
	kinds := make([]Kind, len(recs))
	for i, r := range recs {
		kinds[i] = r.Kind
	}
	want := []Kind{KindRequest, KindResponse, KindLog, KindLog, KindNotification, KindNotification, KindLog, KindLog, KindLog, KindLog}
	if !slices.Equal(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	if r := recs[0]; r.Method != "initialize" || r.Time != "10:11:12.099 AM" || r.Line != 1 || r.EndLine != 2 ||
		!bytes.HasPrefix(r.Body, []byte(`{"processId":1,`)) {
		t.Errorf("request: %+v", r)
	}
	if r := recs[2]; r.Level != "info" || r.Time != "2026-08-20 10:11:12.345" || r.EndLine != 15 ||
		!strings.HasPrefix(r.Text, "2026/08/20 10:11:12 Created View (#1)\n\tdirectory=/home/u/proj\n") {
		t.Errorf("log: %+v", r)
	}
	if r := recs[5]; r.Method != "textDocument/didOpen" || r.Received || !bytes.HasSuffix(r.Body, []byte("\n    }\n}")) {
		t.Errorf("client trace: %+v", r)
	}
	if r := recs[7]; r.Text != "goroutine 1 [running]:" {
		t.Errorf("stack: %+v", r)
	}
	if r := recs[8]; r.Text != "golang.org/x/tools/gopls/internal/cache.(*View).foo(...)\n\t/go/pkg/mod/golang.org/x/tools/gopls@v0.24.0/internal/cache/view.go:12 +0x1d" {
		t.Errorf("stack frame: %q", r.Text)
	}

	sum := summarize(t, vscodeLog)
	if sum.Init == nil || sum.Init.RootURI != "file:///home/u/proj" || sum.Server == nil || sum.Server.GoplsVersion != "v0.24.0" || sum.ServerLine != 5 {
		t.Errorf("init %+v server %+v", sum.Init, sum.Server)
	}
	if len(sum.Views) != 1 || sum.Views[0].Line != 7 || sum.Views[0].Value.Env["GOTOOLCHAIN"] != "auto" || sum.Views[0].Value.ViewType != "GoMod" {
		t.Errorf("views: %+v", sum.Views)
	}
	if len(sum.Failures) != 1 || sum.Failures[0].Value.Method != "textDocument/hover" ||
		sum.Failures[0].Value.Err != "no package metadata for file file:///home/u/proj/x.go" {
		t.Errorf("failures: %+v", sum.Failures)
	}
	found := false
	for _, l := range sum.Logs {
		found = found || l.Value.Message == "errors loading workspace: go: go.mod requires go >= 1.99"
	}
	if !found {
		t.Errorf("logs: %+v", sum.Logs)
	}
	if len(sum.Opened) != 1 || sum.Opened[0].Value.Text != "module example.com/p\n\ngo 1.25\n" || sum.Opened[0].Value.LanguageID != "go.mod" {
		t.Errorf("opened: %+v", sum.Opened)
	}
	if len(sum.Crashes) != 2 || !strings.HasSuffix(sum.Crashes[0].Value, "view.go:12 +0x1d") ||
		!strings.HasPrefix(sum.Crashes[1].Value, "Connection to server got closed") {
		t.Errorf("crashes: %+v", sum.Crashes)
	}
}

// gopls -rpc.trace without -logfile: the trace and the runtime's panic on
// stderr.
const rawStderr = "[Trace - 01:18:38.408 AM] Sending request 'initialize - (1)'.\n" +
	`Params: {"processId":1,"rootUri":null,"workspaceFolders":null}` + eor +
	`2026/11/22 01:18:38 go/packages.Load #1
	view_id="1"
	snapshot=0
	directory=/w
	query=[./...]
	packages=2
	duration=1.5ms
A bug occurred on the server: unexpected nil
Location:x.go:1
panic: something bad [recovered]

goroutine 7 [running]:
main.main()
	/tmp/x.go:5 +0x1d
exit status 2
`

func TestRawStderr(t *testing.T) {
	recs, s := scanAll(t, rawStderr)
	if s.Format() != FormatStderr {
		t.Errorf("Format = %s", s.Format())
	}
	if len(recs) != 9 || recs[1].Kind != KindText || recs[1].EndLine != 11 || recs[2].Text != "A bug occurred on the server: unexpected nil" {
		t.Fatalf("records: %+v", recs)
	}
	sum := summarize(t, rawStderr)
	if sum.Init == nil || sum.Init.RootURI != "" || len(sum.Init.Folders) != 0 {
		t.Errorf("init: %+v", sum.Init)
	}
	if len(sum.Loads) != 1 || sum.Loads[0].Value.Duration.Microseconds() != 1500 || sum.Loads[0].Value.ID != "1" || sum.Loads[0].Line != 5 {
		t.Errorf("loads: %+v", sum.Loads)
	}
	if len(sum.Crashes) != 2 || sum.Crashes[0].Value != "A bug occurred on the server: unexpected nil" ||
		sum.Crashes[1].Value != "panic: something bad [recovered]\ngoroutine 7 [running]:\nmain.main()\n\t/tmp/x.go:5 +0x1d\nexit status 2" {
		t.Errorf("crashes: %+v", sum.Crashes)
	}
}

func TestTruncated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(localCorpus, "06-gowork-uses-missing-dir.log"))
	if err != nil {
		t.Fatal(err)
	}
	full := summarize(t, string(data))
	// Cut in the middle of a Params line, of a header, of the terminator,
	// and exactly between records.
	k := bytes.Index(data, []byte(`"message":"2026/11/22 01:18:38 Created View`))
	header := bytes.Index(data, []byte("[Trace - 01:18:38.473 AM]"))
	between := bytes.LastIndex(data[:k], []byte(eor)) + len(eor)
	for _, tc := range []struct {
		name      string
		cut       int
		truncated bool
	}{
		{"mid-body", k + 20, true},
		{"mid-header", header + 30, true},
		{"mid-time", header + 12, true},
		{"before-terminator", between - len(eor) + 1, false},
		{"between", between, false},
		{"whole", len(data), false},
	} {
		sum := summarize(t, string(data[:tc.cut]))
		if sum.Truncated != tc.truncated || sum.Init == nil || sum.Server == nil || sum.Records == 0 {
			t.Errorf("%s: Truncated %v, %d records", tc.name, sum.Truncated, sum.Records)
		}
	}
	cut := summarize(t, string(data[:k+20]))
	if len(cut.Views) != 0 || len(full.Views) != 1 || cut.Records >= full.Records {
		t.Errorf("cut before the view: %d views, %d/%d records", len(cut.Views), cut.Records, full.Records)
	}
	// A multi-line body that never closes.
	sum := summarize(t, "[Trace - 4:21:29 PM] Sending request 'initialize - (0)'.\nParams: {\n    \"processId\": 1234,\n")
	if !sum.Truncated {
		t.Error("open multi-line body: not truncated")
	}
}

func TestLineEndings(t *testing.T) {
	for _, name := range []string{"06-gowork-uses-missing-dir.log", "17-parent-gowork-does-not-list-folder-module.log"} {
		data, err := os.ReadFile(filepath.Join(localCorpus, name))
		if err != nil {
			t.Fatal(err)
		}
		lf := strings.ReplaceAll(string(data), "\r\n", "\n")
		crlf := strings.ReplaceAll(lf, "\n", "\r\n")
		orig, a, b := summarize(t, string(data)), summarize(t, lf), summarize(t, crlf)
		if !reflect.DeepEqual(orig, a) || !reflect.DeepEqual(orig, b) {
			t.Errorf("%s: summaries differ with line endings", name)
		}
	}
	for _, input := range []string{legacyChannel, vscodeLog, rawStderr} {
		lf := strings.ReplaceAll(input, "\r\n", "\n")
		a, b := summarize(t, lf), summarize(t, strings.ReplaceAll(lf, "\n", "\r\n"))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("CRLF summary differs:\n%+v\n%+v", a, b)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, input := range []string{"", "\n", "\r\n\r\n\r\n", "   \n\t\n"} {
		sum := summarize(t, input)
		if sum.Records != 0 || sum.Format != FormatUnknown || sum.Truncated || sum.Init != nil {
			t.Errorf("%q: %+v", input, sum)
		}
	}
}

func TestGarbage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(rng.Uint32())
		if rng.IntN(80) == 0 {
			data[i] = '\n'
		}
	}
	s := NewScanner(bytes.NewReader(data))
	n := 0
	for s.Scan() {
		if r := s.Record(); r.Kind != KindText {
			t.Errorf("line %d: %v record from garbage", r.Line, r.Kind)
		}
		n++
	}
	if s.Format() != FormatUnknown || n == 0 || s.Lines() < 10000 {
		t.Errorf("Format %s, %d records, %d lines", s.Format(), n, s.Lines())
	}
	sum, err := Summarize(bytes.NewReader(data))
	if err != nil || sum.Init != nil || len(sum.Views)+len(sum.Failures)+len(sum.Crashes) != 0 {
		t.Errorf("summary of garbage: %v %+v", err, sum)
	}
}

// Lines longer than MaxBody are cut, and marked so.
func TestLongLines(t *testing.T) {
	big := strings.Repeat("x", 3*MaxBody)
	input := "[Trace - 01:18:38.408 AM] Received notification 'window/logMessage'.\n" +
		`Params: {"type":3,"message":"` + big + `"}` + eor +
		big + "\n" +
		"[Info  - 4:21:29 PM] " + big + "\n" + big + "\n" +
		"[Trace - 01:18:38.409 AM] Sending notification 'exit'.\nParams: " + eor
	recs, _ := scanAll(t, input)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	if r := recs[0]; len(r.Body) != MaxBody || !r.BodyTruncated || r.Line != 1 {
		t.Errorf("body %d, cut %v", len(r.Body), r.BodyTruncated)
	}
	if r := recs[1]; len(r.Text) != MaxBody || r.Kind != KindText || r.Line != 5 {
		t.Errorf("text line %d", len(r.Text))
	}
	if r := recs[2]; len(r.Text) != MaxBody || r.Kind != KindLog || r.Line != 6 || r.EndLine != 7 {
		t.Errorf("text %d, lines %d-%d", len(r.Text), r.Line, r.EndLine)
	}
	if r := recs[3]; r.Method != "exit" || r.Body != nil || r.Line != 8 {
		t.Errorf("after the long lines: %+v", r)
	}
	if sum := summarize(t, input); sum.Truncated || sum.Records != 4 {
		t.Errorf("summary: %+v", sum)
	}
}

// A record whose body is followed directly by text (no terminator), and
// headers without data, as VS Code writes them at trace level "messages".
func TestTolerance(t *testing.T) {
	input := "[Trace - 01:18:38.408 AM] Sending notification 'initialized'.\nParams: {}\n" +
		"some stray text\n" +
		"[Trace - 4:21:29 PM] Sending request 'shutdown - (9)'.\n" +
		"[Trace - 4:21:29 PM] Received response 'shutdown - (9)' in 2ms.\n" +
		"[Trace - 4:21:29 PM] Sending notification 'exit'.\nNo parameters provided.\n\n\n" +
		"[Trace - 4:21:30 PM] Sending response 'workspace/configuration - (2)'. Processing request took 1ms\nResult: [\n    {}\n]\n\n\n"
	recs, _ := scanAll(t, input)
	if len(recs) != 6 {
		t.Fatalf("records: %+v", recs)
	}
	if recs[0].Method != "initialized" || string(recs[0].Body) != "{}" || recs[1].Kind != KindText || recs[1].Text != "some stray text" {
		t.Errorf("%+v", recs[:2])
	}
	if recs[2].Method != "shutdown" || recs[2].Body != nil || recs[3].LatencyMs != 2 || recs[4].Body != nil {
		t.Errorf("%+v", recs[2:5])
	}
	if r := recs[5]; r.LatencyMs != 1 || string(r.Body) != "[\n    {}\n]" || r.Received {
		t.Errorf("%+v", r)
	}
	if sum := summarize(t, input); sum.Truncated {
		t.Error("truncated")
	}
}

// Record's slices belong to it.
func TestRecordIsACopy(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(localCorpus, "01-healthy-single-module.log"))
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := scanAll(t, string(data))
	again, _ := scanAll(t, string(data))
	if !reflect.DeepEqual(recs, again) || len(recs) < 20 {
		t.Errorf("records differ between scans")
	}
	if string(recs[0].Body[:13]) != `{"processId":` {
		t.Errorf("first body overwritten: %.40s", recs[0].Body)
	}
}

// A read error stops the scan; what was read is summarized.
func TestReadError(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(localCorpus, "01-healthy-single-module.log"))
	if err != nil {
		t.Fatal(err)
	}
	broken := errors.New("disk on fire")
	r := io.MultiReader(bytes.NewReader(data[:6000]), iotest.ErrReader(broken))
	sum, err := Summarize(r)
	if !errors.Is(err, broken) || sum == nil || sum.Init == nil || sum.Records == 0 {
		t.Errorf("err %v, summary %+v", err, sum)
	}
	s := NewScanner(io.MultiReader(bytes.NewReader(data[:6000]), iotest.ErrReader(broken)))
	for s.Scan() {
	}
	if !errors.Is(s.Err(), broken) {
		t.Errorf("Err() = %v", s.Err())
	}
}
