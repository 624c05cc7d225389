package diagnostics

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/workspace"
)

// traceCorpus is where the real gopls traces are kept (copied from the
// shared corpus: shared/corpus/gopls-traces/v0.24.0).
var traceCorpus = filepath.Join("..", "internal", "goplstrace", "testdata", "corpus")

// wantFromTrace is what each corpus trace must be diagnosed as, alone
// (no workspace at hand), with the reason from the corpus README §4.
var wantFromTrace = map[string]traceWant{
	"01-healthy-single-module":                                 {nil, "baseline"},
	"02-workspace-is-subdir-of-module":                         {nil, "benign: the folder is a subdirectory of its module"},
	"03-parent-of-two-modules-no-gowork":                       {[]string{"multi-module-no-gowork"}, "an AdHoc view on the folder, then one GoMod view per module: several modules, no go.work"},
	"03b-parent-of-two-modules-with-gowork-control":            {nil, "control: the go.work makes it healthy"},
	"04a-symlinked-folder-file-via-symlink":                    {nil, "silent: nothing in a trace reveals the symlink"},
	"04b-symlinked-folder-file-via-realpath":                   {[]string{"trace-orphaned-file"}, "gopls advises a go.work; the message names the symlink as the likely cause"},
	"04c-symlinked-folder-file-via-both-paths":                 {[]string{"trace-orphaned-file"}, "as 04b, for the real-path copy"},
	"05-replace-to-missing-dir":                                {[]string{"replace-missing-dir"}, "only a type-1 log (tidy) names the replace; the import error is generic"},
	"05b-replace-to-missing-dir-gomod-not-open":                {[]string{"replace-missing-dir"}, "as 05"},
	"06-gowork-uses-missing-dir":                               {[]string{"gowork-use-missing"}, "distinctive"},
	"07-go111module-off":                                       {[]string{"gomodule-off"}, "AdHoc view although go.mod exists, env GO111MODULE:off"},
	"08-no-gomod-at-all":                                       {[]string{"no-module"}, "AdHoc view, imports looked up in GOROOT"},
	"09a-gocache-unwritable-path-under-regular-file":           {[]string{"cache-unwritable"}, "distinctive"},
	"09b-gomodcache-unwritable-path-under-regular-file":        {[]string{"cache-unwritable"}, "distinctive"},
	"09c-run-as-nobody-home-nonexistent":                       {[]string{"cache-unwritable"}, "distinctive"},
	"09d-gocache-off":                                          {[]string{"cache-unwritable"}, "distinctive"},
	"10a-goflags-mod-vendor-without-vendor-dir":                {[]string{"goflags-conflict"}, "gopls says go mod vendor; the view env shows GOFLAGS=-mod=vendor"},
	"10b-goflags-unknown-flag":                                 {[]string{"goflags-conflict"}, "distinctive"},
	"11a-goroot-nonexistent":                                   {[]string{"goroot-invalid"}, "distinctive"},
	"11b-goroot-points-to-gopath":                              {[]string{"goroot-invalid"}, "package unsafe is not in std"},
	"12a-file-outside-workspace-loose-file":                    {[]string{"trace-orphaned-file"}, "No packages found for open file"},
	"12b-file-outside-workspace-other-module":                  {[]string{"trace-orphaned-file"}, "a file of another module"},
	"13-nested-module-inside-module":                           {[]string{"multi-module-no-gowork"}, "two GoMod views, one root inside the other"},
	"14a-gopath-mode-project-under-gopath-src-go111module-off": {nil, "healthy legacy GOPATH view"},
	"14b-gopath-project-under-gopath-src-go111module-unset":    {nil, "silent: gopls works in GOPATH mode"},
	"14c-gopath-project-under-gopath-src-go111module-on":       {[]string{"no-module"}, "go.mod file not found in module mode"},
	"15a-non-ascii-and-space-in-folder-path":                   {nil, "no problem; percent-decoding only"},
	"15b-non-ascii-package-directory-import-path":              {[]string{"path-special-chars"}, "malformed import path, in the log only"},
	"16a-go-version-newer-than-toolchain-gotoolchain-local":    {[]string{"toolchain-too-old"}, "distinctive; not gopls-unsupported though gopls was built with an older Go"},
	"16b-go-version-newer-than-toolchain-gotoolchain-auto":     {[]string{"toolchain-too-old"}, "the toolchain download fails"},
	"17-parent-gowork-does-not-list-folder-module":             {[]string{"gowork-missing-module"}, "silent but for env_overlay=[GOWORK=off]"},
	"18-gomod-syntax-error":                                    {[]string{"gomod-syntax"}, "distinctive"},
	"19-module-path-mismatch-imports":                          {[]string{"trace-load-failed"}, "generic \"no required module\": the trace cannot tell, and says so"},
	"20-missing-gosum-entry":                                   {[]string{"trace-load-failed"}, "the go.sum error appears nowhere: says so"},
	"21-goproxy-off-dependency-not-cached":                     {[]string{"trace-load-failed"}, "GOPROXY is not blamed: says so"},
	"22-go-command-not-on-path":                                {[]string{"go-not-found"}, "distinctive"},
	"23-open-file-excluded-by-build-constraints":               {[]string{"trace-orphaned-file"}, "build tags"},
	"24-gopackagesdriver-missing-binary":                       {[]string{"trace-load-failed"}, "GOPACKAGESDRIVER names a missing program"},
	"25-vendor-modules-txt-inconsistent":                       {[]string{"vendor-inconsistent"}, "no GOFLAGS: the vendor directory itself"},
	"26-no-workspace-folder-single-file":                       {nil, "fine since v0.15"},
	"27-gowork-env-points-to-missing-file":                     {[]string{"gowork-invalid"}, "distinctive"},
	"28-healthy-module-go1.21-directive-control":               {nil, "control"},
}

// TestTraceCorpus diagnoses every real trace on its own and requires the
// conclusion the corpus README states: one finding per cause, and none on
// a healthy trace.
func TestTraceCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(traceCorpus, "*.log"))
	if err != nil || len(files) != len(wantFromTrace) {
		t.Fatalf("%d corpus traces, want %d: %v", len(files), len(wantFromTrace), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".log")
		want, ok := wantFromTrace[name]
		if !ok {
			t.Errorf("%s: no expectation written", name)
			continue
		}
		t.Run(name, func(t *testing.T) { requireDiagnosis(t, file, want) })
	}
}

// traceWant is what one trace must be diagnosed as, alone, and why.
type traceWant struct {
	ids []string
	why string
}

// requireDiagnosis diagnoses a trace alone and requires want's IDs.
func requireDiagnosis(t *testing.T, file string, want traceWant) {
	t.Helper()
	got, msgs := diagnoseTrace(t, file)
	if wantIDs := slices.Sorted(slices.Values(want.ids)); !slices.Equal(got, wantIDs) {
		t.Errorf("got %v, want %v (%s):\n%s", got, wantIDs, want.why, strings.Join(msgs, "\n"))
	}
}

// diagnoseTrace runs every check on a trace alone (no workspace at hand)
// and returns the sorted check IDs and the findings as text. Every finding
// must be on the trace, its text decoded, and gopls's own GOPROXY=off
// never blamed on the user.
func diagnoseTrace(t *testing.T, file string) (ids, msgs []string) {
	t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := workspace.New(context.Background(), workspace.Options{Traces: []string{abs}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Run(context.Background(), snap, nil) {
		if f.File != abs {
			t.Errorf("finding on %s, not on the trace", f.File)
		}
		ids = append(ids, f.Check)
		msgs = append(msgs, f.Check+": "+f.Message)
		if strings.Contains(f.Message, `\u003e`) {
			t.Errorf("undecoded JSON escape in %q", f.Message)
		}
		if f.Check == "goproxy-unusable" {
			t.Errorf("gopls's own GOPROXY=off blamed on the user: %s", f.Message)
		}
	}
	slices.Sort(ids)
	return ids, msgs
}

// TestTraceUnreadable: a file that is no trace, and one that cannot be
// read, each get one finding that says so; nothing crashes.
func TestTraceUnreadable(t *testing.T) {
	dir := t.TempDir()
	notTrace := filepath.Join(dir, "build.log")
	if err := os.WriteFile(notTrace, []byte("compiling...\nok\n\x00\x01\x02"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "gone.log")
	snap, err := workspace.New(context.Background(), workspace.Options{Traces: []string{notTrace, missing}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range Run(context.Background(), snap, nil) {
		got[f.File] = f.Check + ": " + f.Message
	}
	if !strings.HasPrefix(got[notTrace], "trace-unrecognized: ") || !strings.Contains(got[notTrace], "found no gopls trace record") {
		t.Errorf("not a trace: %q", got[notTrace])
	}
	if !strings.HasPrefix(got[missing], "trace-unrecognized: ") || !strings.Contains(got[missing], "could not read") {
		t.Errorf("missing file: %q", got[missing])
	}
}
