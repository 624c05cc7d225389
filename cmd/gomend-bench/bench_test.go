package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildGomend builds the real gomend binary once for the smoke test.
func buildGomend(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	if _, err := exec.LookPath("find"); err != nil {
		t.Skip("no find command")
	}
	bin := filepath.Join(t.TempDir(), "gomend")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/gomend/gomend/cmd/gomend").CombinedOutput()
	if err != nil {
		t.Fatalf("building gomend: %v\n%s", err, out)
	}
	return bin
}

// TestSmokeRun is what CI keeps of `make bench`: the whole harness on the
// tiny tree, once, so it cannot rot. gopls joins in when
// GOMEND_BENCH_GOPLS names a gopls binary (make bench installs one).
func TestSmokeRun(t *testing.T) {
	bin := buildGomend(t)
	cache := t.TempDir()
	jsonOut := filepath.Join(t.TempDir(), "results.json")
	args := []string{"run", "-gomend", bin, "-presets", "tiny", "-cache", cache,
		"-pairs", "1", "-serve-runs", "1", "-edits", "2", "-go-edits", "5", "-trace-mb", "2", "-json", jsonOut}
	gopls := os.Getenv("GOMEND_BENCH_GOPLS")
	if gopls != "" {
		args = append(args, "-gopls", gopls, "-gopls-runs", "1")
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", code, stderr.String())
	}

	data, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	var res results
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	if len(res.Trees) != 1 || res.Trees[0].Name != "tiny" || !res.Trees[0].Generated {
		t.Fatalf("trees = %+v, want the tiny tree", res.Trees)
	}
	tr := res.Trees[0]
	if tr.Files < 100 || tr.Modules < 2 {
		t.Errorf("tiny tree: %d files, %d modules", tr.Files, tr.Modules)
	}
	if c := tr.Check; c.Pairs != 1 || len(c.FindMs) != 1 || len(c.GomendMs) != 1 || c.FindMedianMs <= 0 || c.GomendMedianMs <= 0 || c.Ratio <= 0 || c.GomendPeakRSS <= 0 {
		t.Errorf("check = %+v", c)
	}
	s := tr.Serve
	// The tiny tree has a forgotten module: diagnostics are published,
	// then gomend/checked.
	if s.Clean || s.FirstDiagnosticsMs <= 0 || s.FirstCheckedMs < s.FirstDiagnosticsMs || s.PeakRSS <= 0 || s.OwnPeakRSS <= 0 || s.OwnPeakRSS > s.PeakRSS {
		t.Errorf("serve = %+v", s)
	}
	// The session is trusted and the go command is on the PATH: the
	// complete diagnosis is a second publish, after the first.
	if s.CompleteMs <= s.FirstCheckedMs {
		t.Errorf("complete diagnosis at %.1f ms, first at %.1f ms: want a later second publish", s.CompleteMs, s.FirstCheckedMs)
	}
	// The trace row ran on its 2 MB: gomend read it all and took time.
	if tr := res.Trace; tr == nil || tr.Bytes < 2<<20 || tr.GomendMedianMs <= 0 || tr.WcMedianMs <= 0 || tr.GomendPeakRSS <= 0 {
		t.Errorf("trace = %+v", res.Trace)
	}
	if s.Recheck == nil || s.Recheck.Edits != 2 || s.Recheck.Rewalks != 0 || s.Recheck.WallMs <= 0 {
		t.Errorf("recheck = %+v, want 2 edits and no re-walk", s.Recheck)
	}
	if s.GoEdit.Edits != 5 || s.GoEdit.triggered() != "nothing" || s.GoEdit.PerEditUs <= 0 {
		t.Errorf(".go edits = %+v, want 5 that trigger nothing", s.GoEdit)
	}
	if gopls != "" && (tr.Gopls == nil || tr.Gopls.FirstDiagnosticsMs <= 0 || tr.Gopls.PeakRSS <= 0) {
		t.Errorf("gopls = %+v", tr.Gopls)
	}

	md := stdout.String()
	for _, want := range []string{"| tiny | ", "### Cold static check", "### Recheck inside the server", "### Targets", ".go edits trigger nothing on tiny: met"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, md)
		}
	}

	// The restored go.work: the edits leave the cached tree as it was.
	dirs, _ := filepath.Glob(filepath.Join(cache, "tiny-*", "go.work"))
	if len(dirs) != 1 {
		t.Fatalf("go.work in the cache: %q", dirs)
	}
	if work, _ := os.ReadFile(dirs[0]); bytes.Contains(work, []byte("gomend-bench edit")) {
		t.Errorf("go.work was not restored:\n%s", work)
	}
}

func TestGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tree")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"gen", "-preset", "tiny", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), " modules") {
		t.Errorf("stdout = %q", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "go.work")); err != nil {
		t.Errorf("no go.work: %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"nope"},
		{"run"},
		{"run", "-gomend", "x", "-cache", "y", "-presets", "enormous"},
		{"run", "-gomend", "x", "-cache", "y", "-pairs", "0"},
		{"gen"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
}

// Targets are judged from the figures: one met and one missed each.
func TestTargets(t *testing.T) {
	good := treeResult{Name: "large", Generated: true, Modules: 200,
		Check: checkResult{Ratio: 0.8},
		Serve: serveResult{FirstDiagnosticsMs: 10, PeakRSS: 20 << 20, Recheck: &recheckResult{CheckMs: 0.5}},
		Gopls: &goplsResult{FirstDiagnosticsMs: 5000, PeakRSS: 900 << 20}}
	bad := treeResult{Name: "huge", Generated: true, Modules: 500,
		Check: checkResult{Ratio: 1.5, GomendPeakRSS: 150 << 20},
		Serve: serveResult{FirstDiagnosticsMs: 1000, PeakRSS: 50 << 20, Recheck: &recheckResult{Rewalks: 1}, GoEdit: goEditResult{Diagnoses: 3}},
		Gopls: &goplsResult{FirstDiagnosticsMs: 5000, PeakRSS: 100 << 20}}
	gobench, err := readGoBench(filepath.Join("testdata", "gobench.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gobench) != 4 || gobench[1].Name != "RecheckAfterEdit/50modules/overlay-2" || gobench[1].NsPerOp != 276217 || gobench[1].AllocsPerOp != 818 {
		t.Fatalf("go benchmarks = %+v", gobench)
	}
	r := &results{Trees: []treeResult{good, bad}, GoBenchmarks: gobench}
	got := map[string]bool{}
	for _, tg := range r.targets() {
		got[tg.what] = tg.met
	}
	want := map[string]bool{
		"cold check ≤ 1.0× find on large":                    true,
		"first diagnostics ≥ 20× sooner than gopls on large": true,
		"peak RSS ≤ 1/10 of gopls's on large":                true,
		"no re-walk after a go.work edit on large":           true,
		".go edits trigger nothing on large":                 true,
		"first diagnostics ≥ 20× sooner than gopls on huge":  false,
		"peak RSS ≤ 1/10 of gopls's on huge":                 false,
		"peak RSS ≤ 100 MiB on huge (serve and check)":       false,
		"no re-walk after a go.work edit on huge":            false,
		".go edits trigger nothing on huge":                  false,
	}
	for what, met := range want {
		if g, ok := got[what]; !ok || g != met {
			t.Errorf("%s: got met=%v (present %v), want %v", what, g, ok, met)
		}
	}
	if r.targetsMet() {
		t.Error("targetsMet with misses")
	}
	var md bytes.Buffer
	r.writeMarkdown(&md)
	if !strings.Contains(md.String(), "| large → huge |") {
		t.Errorf("no growth row:\n%s", md.String())
	}
}

// The test binary is the harness binary in the smoke run: it must act as
// the spawner when the harness starts a measured process through it.
func TestMain(m *testing.M) {
	if report := os.Getenv(spawnEnv); report != "" {
		os.Exit(runSpawner(report, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// A measured process is charged its own memory, not the harness's: here
// the harness holds 256 MiB while `true` runs.
func TestPeakRSSIsTheChildsOwn(t *testing.T) {
	if _, err := exec.LookPath("true"); err != nil {
		t.Skip("no true command")
	}
	ballast := make([]byte, 256<<20)
	for i := range ballast {
		ballast[i] = 1 // touch every page: resident
	}
	sp, err := newSpawner(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	took, rss, err := timeCommand(context.Background(), config{spawn: sp}, []string{"true"})
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	if rss <= 0 || rss > 64<<20 || took <= 0 {
		t.Errorf("true: peak RSS %d bytes, wall %v; want a few MiB", rss, took)
	}
}

func TestGenWithParameters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tree")
	var stdout, stderr bytes.Buffer
	args := []string{"gen", "-preset", "tiny", "-modules", "2", "-packages", "3", "-files", "2", "-depth", "1", "-without", "gowork,git,node_modules", dir}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "go.work")); !os.IsNotExist(err) {
		t.Errorf("-without gowork left a go.work (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); !os.IsNotExist(err) {
		t.Errorf("-without git left .git (%v)", err)
	}
	// 2 modules plus the forgotten one.
	if !strings.Contains(stdout.String(), " 3 modules") {
		t.Errorf("stdout = %q, want 3 modules", stdout.String())
	}
	var stderr2 bytes.Buffer
	if code := run(context.Background(), []string{"gen", "-without", "nonsense", dir + "2"}, &stdout, &stderr2); code != 2 {
		t.Errorf("-without nonsense: exit %d", code)
	}
}
