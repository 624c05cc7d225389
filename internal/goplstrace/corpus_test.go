package goplstrace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The real traces: gopls v0.24.0 -rpc.trace -logfile output for every
// scenario of shared/corpus/gopls-traces (README §4). A handful are copied
// into testdata/corpus so that CI checks them without the shared folder.
var (
	sharedCorpus = filepath.Join("..", "..", "..", "shared", "corpus", "gopls-traces", "v0.24.0")
	localCorpus  = filepath.Join("testdata", "corpus")
)

// noView lists the scenarios where gopls creates no view (README §3/§4):
// go env itself fails, or the go version cannot be had.
var noView = map[string]bool{"10b": true, "11a": true, "16b": true, "22": true}

func TestSharedCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedCorpus, "*.log"))
	if len(files) == 0 {
		t.Skipf("no shared corpus at %s", sharedCorpus)
	}
	if len(files) != 42 {
		t.Errorf("shared corpus has %d traces, want 42", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { checkTrace(t, f) })
	}
}

func TestLocalCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(localCorpus, "*.log"))
	if len(files) != 42 {
		t.Fatalf("testdata corpus has %d traces, want all 42 of the shared corpus", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { checkTrace(t, f) })
	}
}

func summarizeFile(t *testing.T, path string) *Summary {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := Summarize(f)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// checkTrace checks what every v0.24.0 trace shows, then what its
// scenario shows (README §4).
func checkTrace(t *testing.T, path string) {
	sum := summarizeFile(t, path)
	scenario, _, _ := strings.Cut(filepath.Base(path), "-")
	if sum.Format != FormatRPCTrace {
		t.Errorf("Format = %q", sum.Format)
	}
	if sum.Records == 0 || sum.Truncated || sum.Dropped != 0 {
		t.Errorf("Records %d, Truncated %v, Dropped %d", sum.Records, sum.Truncated, sum.Dropped)
	}
	if sum.Init == nil || sum.Init.ClientName != "Visual Studio Code" {
		t.Errorf("Init = %+v", sum.Init)
	}
	if sum.Server == nil || sum.Server.GoplsVersion != "v0.24.0" || sum.Server.GoVersion != "go1.27.4" ||
		sum.Server.Path != "golang.org/x/tools/gopls" {
		t.Errorf("Server = %+v", sum.Server)
	}
	if noView[scenario] != (len(sum.Views) == 0) {
		t.Errorf("%d views, scenario %s creates views: %v", len(sum.Views), scenario, !noView[scenario])
	}
	for _, v := range sum.Views {
		if v.Value.ID == "" || v.Value.Directory == "" || v.Value.ViewType == "" || v.Value.RootDir == "" ||
			v.Value.GoVersion != "go version go1.26.8 linux/amd64" || v.Value.Env["GOOS"] != "linux" ||
			v.Value.Env["GoVersionOutput"] != "go version go1.26.8 linux/amd64" || strings.HasPrefix(v.Value.RootDir, "file:") {
			t.Errorf("line %d: view %+v", v.Line, v.Value)
		}
		if _, ok := v.Value.Env["EffectiveGOPACKAGESDRIVER"]; !ok {
			t.Errorf("line %d: env lacks its last field: %q", v.Line, v.Value.Env)
		}
	}
	for _, l := range sum.Loads {
		if l.Value.ID == "" || l.Value.Err == "" && (l.Value.Duration <= 0 || l.Value.Packages < 0 || l.Value.Directory == "") {
			t.Errorf("line %d: load %+v", l.Line, l.Value)
		}
	}
	for _, l := range sum.Logs {
		if l.Value.Type != 1 && l.Value.Type != 2 || l.Value.Time == "" {
			t.Errorf("line %d: log %+v", l.Line, l.Value)
		}
	}
	if len(sum.Crashes) != 0 {
		t.Errorf("crashes: %+v", sum.Crashes)
	}
	if check := scenarios[scenario]; check != nil {
		check(t, sum)
	}
}

var scenarios = map[string]func(*testing.T, *Summary){
	"01": func(t *testing.T, sum *Summary) {
		v := sum.Views[0].Value
		if len(sum.Views) != 1 || v.ViewType != "GoMod" || v.RootDir != "/home/dev/ws/01-healthy" ||
			v.Directory != v.RootDir || len(v.BuildFlags) != 0 || len(v.EnvOverlay) != 0 {
			t.Errorf("views: %+v", sum.Views)
		}
		if len(sum.Failures)+len(sum.Diagnostics)+len(sum.Logs)+len(sum.Messages)+len(sum.Progress) != 0 {
			t.Errorf("a healthy trace shows problems: %+v", sum)
		}
		if len(sum.Loads) == 0 || sum.Loads[0].Value.Query != "[/home/dev/ws/01-healthy/... builtin]" || sum.Loads[0].Value.Packages != 3 {
			t.Errorf("loads: %+v", sum.Loads)
		}
		if sum.Init.RootURI != "file:///home/dev/ws/01-healthy" || len(sum.Init.Folders) != 1 ||
			sum.Init.Folders[0].Path != "/home/dev/ws/01-healthy" {
			t.Errorf("init: %+v", sum.Init)
		}
	},
	"06": func(t *testing.T, sum *Summary) {
		found := false
		for _, d := range sum.Diagnostics {
			for _, it := range d.Value.Items {
				if strings.HasSuffix(d.Value.URI, "/go.work") && it.Message == "directory ./lib-missing does not contain a module" &&
					it.Source == "go.work file" && it.Line == 4 && it.Character == 1 && it.Severity == 1 {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("no go.work diagnostic: %+v", sum.Diagnostics)
		}
		if len(sum.Opened) != 1 || sum.Opened[0].Value.LanguageID != "go.work" || !strings.Contains(sum.Opened[0].Value.Text, "./lib-missing") {
			t.Errorf("opened: %+v", sum.Opened)
		}
		if !progressSays(sum, "Error loading workspace") {
			t.Errorf("progress: %+v", sum.Progress)
		}
		if !loadFailed(sum, "go: cannot load module lib-missing listed in go.work file") {
			t.Errorf("loads: %+v", sum.Loads)
		}
		if !failed(sum, "textDocument/hover", "no package metadata for file file:///home/dev/ws/06-gowork-missing-use/app/main.go") {
			t.Errorf("failures: %+v", sum.Failures)
		}
	},
	"07": func(t *testing.T, sum *Summary) {
		v := sum.Views[0].Value
		if v.ViewType != "AdHoc" || v.Env["GO111MODULE"] != "off" || v.Env["GOFLAGS"] != "" || v.Env["GOTOOLCHAIN"] != "local" {
			t.Errorf("view: %+v", v)
		}
	},
	"09a": func(t *testing.T, sum *Summary) {
		if !loadFailed(sum, "failed to initialize build cache at /etc/hostname/go-build") {
			t.Errorf("loads: %+v", sum.Loads)
		}
		if sum.Views[0].Value.Env["GOCACHE"] != "/etc/hostname/go-build" {
			t.Errorf("env: %q", sum.Views[0].Value.Env)
		}
	},
	"10b": func(t *testing.T, sum *Summary) {
		if !failed(sum, "textDocument/hover", "no views") || !failed(sum, "textDocument/definition", "no views") {
			t.Errorf("failures: %+v", sum.Failures)
		}
		if len(sum.Messages) == 0 || sum.Messages[0].Value.Type != 1 ||
			!strings.Contains(sum.Messages[0].Value.Message, "go: parsing $GOFLAGS: unknown flag -notaflag") {
			t.Errorf("messages: %+v", sum.Messages)
		}
	},
	"15a": func(t *testing.T, sum *Summary) {
		v := sum.Views[0].Value
		if v.RootDir != "/home/dev/ws/15a 项目 my project" || v.Directory != v.RootDir {
			t.Errorf("view: %+v", v)
		}
		if !strings.Contains(sum.Init.Folders[0].Path, "项目 my project") {
			t.Errorf("folders: %+v", sum.Init.Folders)
		}
	},
	"16a": func(t *testing.T, sum *Summary) {
		found := false
		for _, d := range sum.Diagnostics {
			for _, it := range d.Value.Items {
				found = found || strings.Contains(it.Message, "requires go >= 1.99")
			}
		}
		if !found || !loadFailed(sum, "go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)") {
			t.Errorf("diagnostics %+v, loads %+v", sum.Diagnostics, sum.Loads)
		}
	},
	"17": func(t *testing.T, sum *Summary) {
		if len(sum.Views) != 2 || sum.Views[0].Value.ViewType != "GoWork" || sum.Views[1].Value.ViewType != "GoMod" ||
			!slices.Equal(sum.Views[1].Value.EnvOverlay, []string{"GOWORK=off"}) || len(sum.Views[0].Value.EnvOverlay) != 0 {
			t.Errorf("views: %+v", sum.Views)
		}
	},
	"23": func(t *testing.T, sum *Summary) {
		if len(sum.Views) != 2 || !slices.Equal(sum.Views[1].Value.EnvOverlay, []string{"GOARCH=amd64", "GOOS=windows"}) {
			t.Errorf("views: %+v", sum.Views)
		}
	},
	"24": func(t *testing.T, sum *Summary) {
		v := sum.Views[0].Value
		if v.ViewType != "GoPackagesDriver" || v.Env["EffectiveGOPACKAGESDRIVER"] != "/nonexistent/gopackagesdriver" {
			t.Errorf("view: %+v", v)
		}
		if !loadFailed(sum, "/nonexistent/gopackagesdriver: fork/exec /nonexistent/gopackagesdriver: no such file or directory") {
			t.Errorf("loads: %+v", sum.Loads)
		}
	},
	"27": func(t *testing.T, sum *Summary) {
		if sum.Views[0].Value.Env["ExplicitGOWORK"] != "/nonexistent/go.work" {
			t.Errorf("env: %q", sum.Views[0].Value.Env)
		}
	},
}

func progressSays(sum *Summary, title string) bool {
	for _, p := range sum.Progress {
		if p.Value.Title == title {
			return true
		}
	}
	return false
}

func loadFailed(sum *Summary, err string) bool {
	for _, l := range sum.Loads {
		if l.Value.Type == 1 && strings.Contains(l.Value.Err, err) {
			return true
		}
	}
	return false
}

func failed(sum *Summary, method, err string) bool {
	for _, f := range sum.Failures {
		if f.Value.Method == method && f.Value.Err == err && f.Value.ID != "" {
			return true
		}
	}
	return false
}

// Every record of every trace is one the grammar knows: no text lines, and
// Body present exactly where gopls wrote data.
func TestCorpusRecords(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(localCorpus, "*.log"))
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s := NewScanner(f)
		prev := 0
		for s.Scan() {
			r := s.Record()
			if r.Kind < KindRequest || r.Kind > KindResponse {
				t.Errorf("%s:%d: %v record %q", path, r.Line, r.Kind, r.Text)
			}
			if r.Line <= prev || r.EndLine < r.Line || r.Method == "" || r.Time == "" {
				t.Errorf("%s:%d: record %+v", path, r.Line, r)
			}
			if r.Err == "" && r.Body == nil && r.Method != "exit" {
				t.Errorf("%s:%d: no body: %+v", path, r.Line, r)
			}
			if r.Kind == KindResponse && r.LatencyMs < 0 || r.Kind != KindNotification && r.ID == "" {
				t.Errorf("%s:%d: %+v", path, r.Line, r)
			}
			prev = r.Line
		}
		if s.Err() != nil || s.Format() != FormatRPCTrace {
			t.Errorf("%s: %v %v", path, s.Err(), s.Format())
		}
		f.Close()
	}
}
