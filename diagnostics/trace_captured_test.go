package diagnostics

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/goplstrace"
)

// capturedTraces holds real traces of older gopls versions, one directory
// per version, captured by `gomend-bench capture` on the corpus's
// scenarios (see its README.md).
var capturedTraces = filepath.Join("..", "internal", "goplstrace", "testdata", "captured")

// wantFromCaptured is, per gopls version and scenario, the diagnosis of
// each captured trace. The v0.16.2 traces carry the evidence of v0.24.0's
// (corpus README §4), so they share wantFromTrace's conclusions; v0.14.2
// logs "go info for" blocks (no view type), words some failures
// differently and silently stops type-checking go 1.22 modules; v0.11.0
// logs whole "go env for" blocks, names no module of an open file, and
// (built with Go 1.20) type-checks a go 1.22 module as usual.
var wantFromCaptured = map[string]map[string]traceWant{
	"v0.16.2": {
		"01-healthy-single-module":                              {ids: nil, why: "baseline (the type-1 \"jsonrpc2 async message delivery failed: EOF\" after exit is shutdown noise)"},
		"03-parent-of-two-modules-no-gowork":                    {ids: []string{"multi-module-no-gowork"}, why: "AdHoc view #1 on the folder, then GoMod views #2/#3 rooted at svc-a and svc-b"},
		"07-go111module-off":                                    {ids: []string{"gomodule-off"}, why: "AdHoc view although go.mod exists, env GO111MODULE:off"},
		"16a-go-version-newer-than-toolchain-gotoolchain-local": {ids: []string{"toolchain-too-old"}, why: "go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local); not gopls-unsupported: the go command is older too"},
		"18-gomod-syntax-error":                                 {ids: []string{"gomod-syntax"}, why: "unknown directive: requre"},
		"22-go-command-not-on-path":                             {ids: []string{"go-not-found"}, why: "go command required, not found"},
		"28-healthy-module-go1.21-directive-control":            {ids: nil, why: "control"},
	},
	"v0.14.2": {
		"01-healthy-single-module": {ids: []string{"gopls-unsupported"},
			why: "the stale-gopls silent failure: serverInfo GoVersion go1.21.13, the opened go.mod says go 1.22, the go command is go1.26.8, and hover returns null with no error anywhere"},
		"03-parent-of-two-modules-no-gowork": {ids: []string{"multi-module-no-gowork"},
			why: "\"You are outside of a module…\" on the folder, and each open file \"within module \\\"svc-a\\\"\" / \"svc-b\" — two modules under one folder, no go.work"},
		"07-go111module-off": {ids: []string{"gomodule-off"},
			why: "go info block: (selected go env: [GO111MODULE=off, …]) with (valid build configuration = false), then \"You are outside of a module and outside of $GOPATH/src\" and imports looked up \"in GOROOT or GOPATH\""},
		"16a-go-version-newer-than-toolchain-gotoolchain-local": {ids: []string{"toolchain-too-old"}, why: "go: /tmp/go.<hash>.<n>.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local): the temp file, not go.mod, is named"},
		"18-gomod-syntax-error": {ids: []string{"gomod-syntax", "gopls-unsupported"},
			why: "unknown directive: requre; and the opened go.mod says go 1.22, newer than the go1.21.13 this gopls was built with: once the typo is fixed, it would fail silently (as in 01)"},
		"22-go-command-not-on-path":                  {ids: []string{"go-not-found"}, why: "go command required, not found (no go.mod opened, so the trace shows no go line to compare)"},
		"28-healthy-module-go1.21-directive-control": {ids: nil, why: "control: go 1.21 is not newer than go1.21.13, hover works"},
	},
	"v0.11.0": {
		"01-healthy-single-module": {ids: []string{"gopls-unsupported"},
			why: "serverInfo GoVersion go1.20.14 against the opened go.mod's go 1.22: hover works (a Go 1.20 type checker takes any version), but newer language features would get false errors"},
		"03-parent-of-two-modules-no-gowork": {ids: []string{"trace-load-failed"},
			why: "\"You are outside of a module\" on the folder (go env for it: GOMOD=/dev/null) and the files it reports on are in svc-a and svc-b; nothing in the trace says those are modules, and their directories are not at hand, so the message says so instead of naming multi-module-no-gowork (TestTraceOutsideModuleAtHand has the workspace)"},
		"07-go111module-off": {ids: []string{"gomodule-off"},
			why: "go env for block with GO111MODULE=off and (valid build configuration = false), then \"You are outside of a module\" and imports looked up in GOROOT and GOPATH"},
		"16a-go-version-newer-than-toolchain-gotoolchain-local": {ids: []string{"toolchain-too-old"}, why: "go: /tmp/go.<hash>.<n>.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)"},
		"18-gomod-syntax-error": {ids: []string{"gomod-syntax", "gopls-unsupported"},
			why: "unknown directive: requre; and the opened go.mod's go 1.22 is newer than the go1.20.14 this gopls was built with"},
		"22-go-command-not-on-path": {ids: []string{"go-not-found"},
			why: "no go on gopls's PATH, in the words of the old golang.org/x/sys/execabs this gopls was built with: \"go resolves to executable in current directory (./go)\""},
		"28-healthy-module-go1.21-directive-control": {ids: nil, why: "control: no go.mod opened, no error; hover works"},
	},
}

// capturedAlike are the scenarios every captured version reads alike:
// the go command's own words, wherever gopls puts them.
var capturedAlike = map[string]traceWant{
	"09a-gocache-unwritable-path-under-regular-file": {ids: []string{"cache-unwritable"}, why: "failed to initialize build cache … not a directory"},
	"10b-goflags-unknown-flag":                       {ids: []string{"goflags-conflict"}, why: "showMessage: go: parsing $GOFLAGS: unknown flag -notaflag (no view; requests fail \"no views\" or \"no views in session\")"},
}

// wantCaptured is what a version's trace of a scenario must say.
func wantCaptured(version, scenario string) (traceWant, bool) {
	if w, ok := wantFromCaptured[version][scenario]; ok {
		return w, true
	}
	w, ok := capturedAlike[scenario]
	return w, ok
}

// capturedVersions are the gopls versions of the captured traces.
var capturedVersions = []string{"v0.16.2", "v0.14.2", "v0.11.0"}

// capturedFiles lists a version's traces, requiring one per expectation.
func capturedFiles(t *testing.T, version string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(capturedTraces, version, "*.log"))
	if want := len(wantFromCaptured[version]) + len(capturedAlike); err != nil || len(files) != want {
		t.Fatalf("%d %s traces, want %d: %v", len(files), version, want, err)
	}
	return files
}

// TestTraceCapturedParse: every captured trace reads whole, and says which
// gopls wrote it.
func TestTraceCapturedParse(t *testing.T) {
	for _, version := range capturedVersions {
		for _, file := range capturedFiles(t, version) {
			t.Run(version+"/"+strings.TrimSuffix(filepath.Base(file), ".log"), func(t *testing.T) {
				requireWhole(t, file, version)
			})
		}
	}
}

// requireWhole summarizes a real trace and requires that it read whole
// and name the gopls that wrote it.
func requireWhole(t *testing.T, file, goplsVersion string) *goplstrace.Summary {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := goplstrace.Summarize(f)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records == 0 {
		t.Error("no records")
	}
	if sum.Truncated {
		t.Error("truncated")
	}
	if sum.Server == nil || sum.Server.GoplsVersion != goplsVersion {
		t.Errorf("server %+v, want gopls %s", sum.Server, goplsVersion)
	}
	return sum
}

// TestTraceCaptured diagnoses every captured trace on its own, as
// TestTraceCorpus does the v0.24.0 corpus.
func TestTraceCaptured(t *testing.T) {
	for _, version := range capturedVersions {
		for _, file := range capturedFiles(t, version) {
			name := strings.TrimSuffix(filepath.Base(file), ".log")
			want, ok := wantCaptured(version, name)
			if !ok {
				t.Errorf("%s/%s: no expectation written", version, name)
				continue
			}
			t.Run(version+"/"+name, func(t *testing.T) { requireDiagnosis(t, file, want) })
		}
	}
}

// TestTraceOutsideModuleAtHand: the v0.11.0 trace of corpus 03 says only
// that the folder is "outside of a module"; with the workspace at hand,
// its subdirectories are two modules, and that is the diagnosis.
func TestTraceOutsideModuleAtHand(t *testing.T) {
	const captured = "/tmp/gomend-capture-v0.11.0/ws/03-parent-of-two-modules-no-gowork"
	data, err := os.ReadFile(filepath.Join(capturedTraces, "v0.11.0", "03-parent-of-two-modules-no-gowork.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), captured) {
		t.Fatalf("the trace does not name %s", captured)
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	for _, m := range []string{"svc-a", "svc-b"} {
		if err := os.MkdirAll(filepath.Join(ws, m), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ws, m, "go.mod"), []byte("module example.com/"+m+"\n\ngo 1.22\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The same trace, its paths moved to the workspace: a JSON string
	// holds a path as it is (no character of either needs escaping).
	trace := filepath.Join(dir, "gopls.log")
	if err := os.WriteFile(trace, []byte(strings.ReplaceAll(string(data), captured, ws)), 0o644); err != nil {
		t.Fatal(err)
	}
	ids, msgs := diagnoseTrace(t, trace)
	if !slices.Equal(ids, []string{"multi-module-no-gowork"}) {
		t.Fatalf("got %v, want [multi-module-no-gowork]:\n%s", ids, strings.Join(msgs, "\n"))
	}
	if !strings.Contains(msgs[0], "svc-a, svc-b") {
		t.Errorf("the modules are not named: %s", msgs[0])
	}
}

// capturedChannels holds the real VS Code output channels of gopls
// v0.24.0, "gopls (server)" (gopls-server.log) and "gopls" (gopls.log), as
// the Go extension's language client writes them, one directory per
// vscode-languageclient version and one per scenario (e2e/capture-channels.sh;
// see captured/README.md); vscode-lc9.0.1-24h has three scenarios again
// with the extension host in a de_DE locale, whose clock has 24 hours and
// no AM/PM.
var capturedChannels = map[string]goplstrace.Format{
	"vscode-lc9.0.1":     goplstrace.FormatVSCodeLegacy,
	"vscode-lc9.0.1-24h": goplstrace.FormatVSCodeLegacy,
	"vscode-lc11.0.0":    goplstrace.FormatVSCodeLog,
}

// wantFromChannels is, per scenario, the diagnosis of each channel log. The
// channels carry the same evidence as v0.24.0's -rpc.trace (the corpus):
// "gopls (server)" has gopls's window/logMessage lines and, with
// -rpc.trace, its whole trace on stderr; "gopls" has the client's trace of
// every message. So each must say what wantFromTrace says.
var wantFromChannels = map[string]traceWant{
	"01-healthy-single-module":                              {ids: nil, why: "baseline"},
	"03-parent-of-two-modules-no-gowork":                    {ids: []string{"multi-module-no-gowork"}, why: "an AdHoc view on the folder, then one GoMod view per module"},
	"07-go111module-off":                                    {ids: []string{"gomodule-off"}, why: "AdHoc view although go.mod exists, env GO111MODULE:off"},
	"09a-gocache-unwritable-path-under-regular-file":        {ids: []string{"cache-unwritable"}, why: "failed to initialize build cache … not a directory"},
	"10b-goflags-unknown-flag":                              {ids: []string{"goflags-conflict"}, why: "go: parsing $GOFLAGS: unknown flag -notaflag"},
	"16a-go-version-newer-than-toolchain-gotoolchain-local": {ids: []string{"toolchain-too-old"}, why: "go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)"},
	"18-gomod-syntax-error":                                 {ids: []string{"gomod-syntax"}, why: "unknown directive: requre"},
	"22-go-command-not-on-path":                             {ids: []string{"go-not-found"}, why: "go command required, not found"},
	"28-healthy-module-go1.21-directive-control":            {ids: nil, why: "control"},
}

// channelFiles lists a variant's channel logs: the two of every scenario,
// which must each have an expectation.
func channelFiles(t *testing.T, variant string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(capturedTraces, variant, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no %s captures: %v", variant, err)
	}
	var files []string
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if _, ok := wantFromChannels[filepath.Base(dir)]; !ok {
			t.Errorf("%s/%s: no expectation written", variant, filepath.Base(dir))
		}
		for _, name := range []string{"gopls-server.log", "gopls.log"} {
			f := filepath.Join(dir, name)
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s/%s: %v", variant, filepath.Base(dir), err)
				continue
			}
			files = append(files, f)
		}
	}
	return files
}

// TestTraceChannelsParse: every captured channel log reads whole, in its
// variant's format, and says which gopls wrote it.
func TestTraceChannelsParse(t *testing.T) {
	for _, variant := range slices.Sorted(maps.Keys(capturedChannels)) {
		for _, file := range channelFiles(t, variant) {
			name := variant + "/" + filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file)
			t.Run(name, func(t *testing.T) {
				if sum := requireWhole(t, file, "v0.24.0"); sum.Format != capturedChannels[variant] {
					t.Errorf("format %q, want %q", sum.Format, capturedChannels[variant])
				}
			})
		}
	}
}

// TestTraceChannels diagnoses every captured channel log on its own.
func TestTraceChannels(t *testing.T) {
	for _, variant := range slices.Sorted(maps.Keys(capturedChannels)) {
		for _, file := range channelFiles(t, variant) {
			scenario := filepath.Base(filepath.Dir(file))
			want, ok := wantFromChannels[scenario]
			if !ok {
				continue // channelFiles said so
			}
			t.Run(variant+"/"+scenario+"/"+filepath.Base(file), func(t *testing.T) { requireDiagnosis(t, file, want) })
		}
	}
}

// TestTraceOutsideModuleFlat: old gopls's "You are outside of a module"
// about a folder whose Go files lie in the folder itself is no-module:
// there are no subdirectories that could be modules of their own.
func TestTraceOutsideModuleFlat(t *testing.T) {
	const eor = "\r\n\r\n\r\n"
	trace := "[Trace - 03:39:17.160 AM] Sending request 'initialize - (1)'.\n" +
		`Params: {"rootUri":"file:///home/dev/ws/flat","workspaceFolders":[{"uri":"file:///home/dev/ws/flat","name":"flat"}]}` + eor +
		"[Trace - 03:39:17.300 AM] Received notification 'window/logMessage'.\n" +
		`Params: {"type":1,"message":"2026/12/02 03:39:17 errors loading workspace: You are outside of a module and outside of $GOPATH/src.\nIf you are using modules, please open your editor to a directory in your module.\n\tsnapshot=0\n\tdirectory=file:///home/dev/ws/flat\n"}` + eor +
		"[Trace - 03:39:17.312 AM] Received notification 'textDocument/publishDiagnostics'.\n" +
		`Params: {"uri":"file:///home/dev/ws/flat/main.go","version":1,"diagnostics":[{"range":{"start":{"line":3,"character":8},"end":{"line":3,"character":20}},"severity":1,"source":"compiler","message":"could not import example.com/flat/util (cannot find package \"example.com/flat/util\" in any of GOROOT or GOPATH)"}]}` + eor
	file := filepath.Join(t.TempDir(), "gopls.log")
	if err := os.WriteFile(file, []byte(trace), 0o644); err != nil {
		t.Fatal(err)
	}
	ids, msgs := diagnoseTrace(t, file)
	if !slices.Equal(ids, []string{"no-module"}) {
		t.Fatalf("got %v, want [no-module]:\n%s", ids, strings.Join(msgs, "\n"))
	}
}
