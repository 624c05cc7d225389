package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/testgo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The workspaces of the golden tests. Each is small and shows one situation.
var cases = map[string]map[string]string{
	// go.work forgets the tools module.
	"forgotten": {
		"go.work":      "go 1.22\n\nuse ./api\n",
		"api/go.mod":   "module example.com/api\n\ngo 1.22\n",
		"api/api.go":   "package api\n",
		"tools/go.mod": "module example.com/tools\n\ngo 1.22\n",
		"tools/gen.go": "package tools\n",
	},
	// go.work uses a directory that is gone, and a go.mod does not parse.
	"broken": {
		"go.work":    "go 1.22\n\nuse (\n\t./api\n\t./billing\n)\n",
		"api/go.mod": "module example.com/api\n\ngo 1.22\nfoo bar\n",
		"api/api.go": "package api\n",
	},
	"healthy": {
		"go.work":    "go 1.22\n\nuse ./api\n",
		"api/go.mod": "module example.com/api\n\ngo 1.22\n",
		"api/api.go": "package api\n",
	},
}

// makeWorkspace writes a case into a fresh temp dir and returns its path.
func makeWorkspace(t *testing.T, name string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), name)
	testfiles.Write(t, root, cases[name])
	return root
}

// testEnv is a small, fixed environment: the real go command (the CLI
// runs it: go env -json, loading) and nothing else from the machine, with
// a fresh HOME so its caches are the test's own.
func testEnv(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{"PATH": fixture.RealGoBin(t), "HOME": testgo.Home(t)}
}

type result struct {
	code           int
	stdout, stderr string
}

// gomend runs the CLI in-process; dir replaces itself by $WORK in the output.
func gomend(t *testing.T, env map[string]string, dir string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, env, &stdout, &stderr)
	clean := func(s string) string {
		if dir == "" {
			return s
		}
		return strings.ReplaceAll(s, filepath.Dir(dir), "$WORK")
	}
	return result{code, clean(stdout.String()), clean(stderr.String())}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestCheckGolden(t *testing.T) {
	for _, tc := range []struct {
		name     string
		wantCode int
		wantIDs  []string
	}{
		{"forgotten", 1, []string{"gowork-missing-module"}},
		{"broken", 1, []string{"gomod-syntax", "gowork-use-missing"}},
		{"healthy", 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := makeWorkspace(t, tc.name)
			env := testEnv(t)

			text := gomend(t, env, dir, "check", dir)
			if text.code != tc.wantCode {
				t.Errorf("check exit = %d, want %d; stderr: %s", text.code, tc.wantCode, text.stderr)
			}
			if strings.Contains(text.stdout, "\x1b[") {
				t.Errorf("text output is coloured though stdout is not a terminal")
			}
			golden(t, tc.name+".check.txt", text.stdout)

			js := gomend(t, env, dir, "check", "--format", "json", dir)
			if js.code != tc.wantCode {
				t.Errorf("check --format json exit = %d, want %d", js.code, tc.wantCode)
			}
			golden(t, tc.name+".check.json", js.stdout)
			if got := checkJSONShape(t, js.stdout); strings.Join(got, ",") != strings.Join(tc.wantIDs, ",") {
				t.Errorf("JSON check IDs = %v, want %v", got, tc.wantIDs)
			}
		})
	}
}

// checkJSONShape verifies the stable JSON interface field by field (no
// null where a list is promised) and returns the sorted check IDs.
func checkJSONShape(t *testing.T, out string) []string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc["version"] != float64(1) {
		t.Errorf("version = %v, want 1", doc["version"])
	}
	if _, ok := doc["folders"].([]any); !ok {
		t.Errorf("folders is %T, want a list", doc["folders"])
	}
	findings, ok := doc["findings"].([]any)
	if !ok {
		t.Fatalf("findings is %T, want a list", doc["findings"])
	}
	var ids []string
	for _, f := range findings {
		f := f.(map[string]any)
		for _, key := range []string{"check", "severity", "message", "file", "source"} {
			if _, ok := f[key].(string); !ok {
				t.Errorf("finding %v: %s is %T, want a string", f["check"], key, f[key])
			}
		}
		if _, ok := f["range"].(map[string]any)["start"].(map[string]any)["line"].(float64); !ok {
			t.Errorf("finding %v: range.start.line missing", f["check"])
		}
		for _, key := range []string{"related", "fixes"} {
			if _, ok := f[key].([]any); !ok {
				t.Errorf("finding %v: %s is %T, want a list", f["check"], key, f[key])
			}
		}
		for _, x := range f["fixes"].([]any) {
			x := x.(map[string]any)
			if _, ok := x["changes"].([]any); !ok {
				t.Errorf("fix %v: changes is %T, want a list", x["title"], x["changes"])
			}
			if _, present := x["command"]; !present {
				t.Errorf("fix %v: command missing (want null or an object)", x["title"])
			}
		}
		ids = append(ids, f["check"].(string))
	}
	sort.Strings(ids)
	return ids
}

// fileState records content and identity, to prove nothing was rewritten.
type fileState struct {
	content string
	info    os.FileInfo
}

func snapshotFiles(t *testing.T, root string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = fileState{string(data), fi}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func assertUnchanged(t *testing.T, before, after map[string]fileState) {
	t.Helper()
	for p, a := range after {
		b, ok := before[p]
		switch {
		case !ok:
			t.Errorf("%s was created", p)
		case a.content != b.content:
			t.Errorf("%s changed", p)
		case !os.SameFile(a.info, b.info) || !a.info.ModTime().Equal(b.info.ModTime()):
			t.Errorf("%s was rewritten", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was deleted", p)
		}
	}
}

func TestFixDryRunWritesNothing(t *testing.T) {
	for _, name := range []string{"forgotten", "broken"} {
		t.Run(name, func(t *testing.T) {
			dir := makeWorkspace(t, name)
			env := testEnv(t)
			before := snapshotFiles(t, dir)
			res := gomend(t, env, dir, "fix", "--dry-run", "--likely", dir)
			if res.code != 1 {
				t.Errorf("fix --dry-run exit = %d, want 1 (the problems are still there); stderr: %s", res.code, res.stderr)
			}
			golden(t, name+".fix-dry-run", res.stdout)
			assertUnchanged(t, before, snapshotFiles(t, dir))
		})
	}
}

func TestFixThenCheck(t *testing.T) {
	dir := makeWorkspace(t, "forgotten")
	env := testEnv(t)
	res := gomend(t, env, dir, "fix", dir)
	if res.code != 0 {
		t.Fatalf("fix exit = %d, want 0\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	golden(t, "forgotten.fix", res.stdout)
	work, _ := os.ReadFile(filepath.Join(dir, "go.work"))
	if !strings.Contains(string(work), "./tools") {
		t.Errorf("go.work after fix does not use ./tools:\n%s", work)
	}
	if res := gomend(t, env, dir, "check", dir); res.code != 0 {
		t.Errorf("check after fix exit = %d, want 0:\n%s", res.code, res.stdout)
	}

	// A second run finds nothing to do and touches nothing.
	before := snapshotFiles(t, dir)
	again := gomend(t, env, dir, "fix", dir)
	if again.code != 0 || !strings.HasPrefix(again.stdout, "Nothing to fix.") {
		t.Errorf("second fix: exit %d, output:\n%s", again.code, again.stdout)
	}
	assertUnchanged(t, before, snapshotFiles(t, dir))
}

// What the fixes cannot repair is reported after fixing, and fix fails.
func TestFixReportsWhatRemains(t *testing.T) {
	dir := makeWorkspace(t, "broken")
	env := testEnv(t)
	res := gomend(t, env, dir, "fix", dir)
	if res.code != 1 {
		t.Errorf("fix exit = %d, want 1 (go.mod still does not parse)", res.code)
	}
	golden(t, "broken.fix", res.stdout)
	if res := gomend(t, env, dir, "check", "--format", "json", dir); strings.Join(checkJSONShape(t, res.stdout), ",") != "gomod-syntax" {
		t.Errorf("after fix, check reports:\n%s", res.stdout)
	}
}

// A .code-workspace argument means the folders it lists.
func TestCheckCodeWorkspace(t *testing.T) {
	dir := makeWorkspace(t, "forgotten")
	cw := filepath.Join(filepath.Dir(dir), "project.code-workspace")
	if err := os.WriteFile(cw, []byte(`{
	// the folder is relative to this file
	"folders": [{"path": "forgotten"}],
}`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t)
	res := gomend(t, env, dir, "check", "--format", "json", cw)
	if res.code != 1 {
		t.Errorf("exit = %d, want 1; stderr: %s", res.code, res.stderr)
	}
	var doc jsonReport
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Folders, ",") != "$WORK/forgotten" {
		t.Errorf("folders = %v, want [$WORK/forgotten]", doc.Folders)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Check != "gowork-missing-module" {
		t.Errorf("findings = %+v", doc.Findings)
	}
}

// A fix may rewrite the .code-workspace the user named, though it lies
// outside its folders; the check after the fix reads its new folders.
func TestFixCodeWorkspace(t *testing.T) {
	base := t.TempDir()
	store := filepath.Join(base, "app", "internal", "store")
	if err := os.MkdirAll(store, 0o755); err != nil {
		t.Fatal(err)
	}
	for p, content := range map[string]string{
		filepath.Join(base, "app", "go.mod"):    "module example.com/app\n\ngo 1.22\n",
		filepath.Join(store, "store.go"):        "package store\n",
		filepath.Join(base, "p.code-workspace"): `{ "folders": [ { "path": "app/internal/store" } ] }` + "\n",
	} {
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cw := filepath.Join(base, "p.code-workspace")
	env := testEnv(t)
	res := gomend(t, env, "", "fix", cw)
	if res.code != 0 {
		t.Errorf("fix exit = %d, want 0\n%s%s", res.code, res.stdout, res.stderr)
	}
	if data, _ := os.ReadFile(cw); string(data) != `{ "folders": [ { "path": "app" } ] }`+"\n" {
		t.Errorf(".code-workspace after fix: %s", data)
	}
	if !strings.HasSuffix(res.stdout, "No problems found in 1 folder\n") {
		t.Errorf("after the fix, the old folder was checked again:\n%s", res.stdout)
	}
}

// A folder reached through a symlink is reported as given, not resolved:
// the checks and the user must see the path the user named.
func TestFolderKeptAsGiven(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses symlinks")
	}
	dir := makeWorkspace(t, "forgotten")
	link := filepath.Join(filepath.Dir(dir), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	res := gomend(t, testEnv(t), dir, "check", "--format", "json", link)
	var doc jsonReport
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	// The link itself is a finding (folder-via-symlink, on the folder's
	// go.work), and the forgotten module is reported under the link too.
	if strings.Join(doc.Folders, ",") != "$WORK/link" || len(doc.Findings) != 2 ||
		doc.Findings[0].Check != "folder-via-symlink" || doc.Findings[0].File != "$WORK/link/go.work" ||
		doc.Findings[1].File != "$WORK/link/tools/go.mod" {
		t.Errorf("folders %v, findings %+v: want everything under $WORK/link", doc.Folders, doc.Findings)
	}
}

func TestChecksFlag(t *testing.T) {
	dir := makeWorkspace(t, "broken")
	env := testEnv(t)
	only := gomend(t, env, dir, "check", "--format", "json", "--checks", "gomod-syntax", dir)
	if got := checkJSONShape(t, only.stdout); strings.Join(got, ",") != "gomod-syntax" {
		t.Errorf("--checks gomod-syntax reports %v", got)
	}
	without := gomend(t, env, dir, "check", "--format", "json", "--checks", "-gomod-syntax", dir)
	if got := checkJSONShape(t, without.stdout); strings.Join(got, ",") != "gowork-use-missing" {
		t.Errorf("--checks -gomod-syntax reports %v", got)
	}
}

// The tool could not run: exit 2, one line on stderr, nothing on stdout.
func TestCannotRun(t *testing.T) {
	dir := makeWorkspace(t, "healthy")
	env := testEnv(t)
	badHost := filepath.Join(t.TempDir(), "host.json")
	if err := os.WriteFile(badHost, []byte(`{"os": "plan9"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	truncatedHost := filepath.Join(t.TempDir(), "truncated.json")
	if err := os.WriteFile(truncatedHost, []byte(`{"os": "linux", "mounts": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--bogus", dir}, "flag provided but not defined: -bogus"},
		{[]string{"check", "--format", "xml", dir}, `unknown --format "xml"`},
		{[]string{"check", "--checks", "gowork-missing-module,-no-such-check", dir}, "unknown check -no-such-check in --checks; known checks: multi-module-no-gowork,"},
		{[]string{"check", filepath.Join(dir, "missing")}, "does not exist"},
		{[]string{"check", filepath.Join(dir, "go.work")}, "is not a folder or a .code-workspace file"},
		{[]string{"check", "--host", badHost, dir}, badHost},
		{[]string{"check", "--host", truncatedHost, dir}, truncatedHost},
		{[]string{"check", "--host", filepath.Join(dir, "no-such-host.json"), dir}, "no-such-host.json"},
		{[]string{"fix", "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"explain", "no-such-check"}, `no such check "no-such-check"; known checks: multi-module-no-gowork,`},
		{[]string{"explain"}, "want exactly one check ID"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{nil, "Usage:"},
	} {
		res := gomend(t, env, "", tc.args...)
		if res.code != 2 {
			t.Errorf("gomend %v: exit %d, want 2", tc.args, res.code)
		}
		if !strings.Contains(res.stderr, tc.want) {
			t.Errorf("gomend %v: stderr %q does not contain %q", tc.args, res.stderr, tc.want)
		}
		if tc.args != nil && strings.Count(strings.TrimSpace(res.stderr), "\n") != 0 {
			t.Errorf("gomend %v: stderr is not one line: %q", tc.args, res.stderr)
		}
		if res.stdout != "" {
			t.Errorf("gomend %v: wrote to stdout: %q", tc.args, res.stdout)
		}
	}
}

func TestExplain(t *testing.T) {
	for _, id := range knownChecks() {
		res := gomend(t, nil, "", "explain", id)
		if res.code != 0 || !strings.HasPrefix(res.stdout, "# "+id+"\n") {
			t.Errorf("explain %s: exit %d, output starts %.40q", id, res.code, res.stdout)
		}
		for _, section := range []string{"## What it means", "## Why it hurts", "## How to fix", "## Example"} {
			if !strings.Contains(res.stdout, "\n"+section+"\n") {
				t.Errorf("explain %s: no %q section", id, section)
			}
		}
	}
	if len(knownChecks()) < 10 {
		t.Errorf("only %d checks registered", len(knownChecks()))
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"help", "check"}, {"check", "-h"}, {"fix", "--help"}, {"serve", "-h"}} {
		res := gomend(t, nil, "", args...)
		if res.code != 0 || !strings.Contains(res.stdout, "Usage:") || res.stderr != "" {
			t.Errorf("gomend %v: exit %d, stdout %q, stderr %q", args, res.code, res.stdout, res.stderr)
		}
	}
	if res := gomend(t, nil, "", "help", "check"); !strings.Contains(res.stdout, "-no-exec") {
		t.Errorf("help check does not list the flags:\n%s", res.stdout)
	}
	res := gomend(t, nil, "", "version")
	if res.code != 0 || !regexp.MustCompile(`^gomend \S+ \(go\S+\)\n$`).MatchString(res.stdout) {
		t.Errorf("version: exit %d, %q", res.code, res.stdout)
	}
	version = "v9.8.7"
	defer func() { version = "" }()
	if res := gomend(t, nil, "", "version"); !strings.HasPrefix(res.stdout, "gomend v9.8.7 (") {
		t.Errorf("version with -X main.version: %q", res.stdout)
	}
}

func TestTextColour(t *testing.T) {
	r := &report{folders: []string{"/w"}, findings: []diagnostics.Finding{{
		Check: "gomod-syntax", Severity: diagnostics.Error, Message: "unknown directive: foo", File: "/w/go.mod",
	}}}
	var plain, coloured bytes.Buffer
	r.writeText(&plain, false)
	r.writeText(&coloured, true)
	if strings.Contains(plain.String(), "\x1b[") || !strings.Contains(plain.String(), "go.mod:1:1: error: unknown directive: foo [gomod-syntax]") {
		t.Errorf("plain = %q", plain.String())
	}
	if !strings.Contains(coloured.String(), "\x1b[1;31merror\x1b[0m") {
		t.Errorf("coloured = %q", coloured.String())
	}
	c := &cli{env: map[string]string{"NO_COLOR": "1"}, stdout: os.Stdout}
	if c.color() {
		t.Error("NO_COLOR=1 still colours")
	}
	c = &cli{env: map[string]string{}, stdout: &plain}
	if c.color() {
		t.Error("a buffer is not a terminal, yet colour is on")
	}
}

// TestTraceText: `gomend trace` on traces alone prints their findings
// under "gopls traces", counts the traces in its verdict, and exits 1
// when it found a problem, 0 when not.
func TestTraceText(t *testing.T) {
	corpus := filepath.Join("..", "..", "internal", "goplstrace", "testdata", "corpus")
	dir := filepath.Join(t.TempDir(), "traces")
	var paths []string
	for _, name := range []string{"03-parent-of-two-modules-no-gowork.log", "01-healthy-single-module.log"} {
		data, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Join(dir, name))
		testfiles.WriteFile(t, paths[len(paths)-1], data)
	}
	res := gomend(t, testEnv(t), dir, append([]string{"trace"}, paths...)...)
	if res.code != 1 {
		t.Errorf("exit = %d, want 1; stderr: %s", res.code, res.stderr)
	}
	golden(t, "trace.txt", res.stdout)

	res = gomend(t, testEnv(t), dir, "trace", paths[1])
	if res.code != 0 || res.stdout != "No problems found in 1 trace\n" {
		t.Errorf("healthy trace: exit %d, output %q", res.code, res.stdout)
	}
}
