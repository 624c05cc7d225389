package gocmd

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/testgo"
)

func TestMain(m *testing.M) {
	if IsChild() {
		os.Exit(ServeChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// realGo is the go command running the tests.
func realGo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	return p
}

// userEnv is a small environment of a user whose caches live in dir.
func userEnv(t *testing.T, dir string) map[string]string {
	testgo.TelemetryOff(t, dir)
	return map[string]string{
		"HOME":        dir,
		"PATH":        "/usr/bin:/bin",
		"GOCACHE":     filepath.Join(dir, "cache"),
		"GOMODCACHE":  filepath.Join(dir, "modcache"),
		"GOPROXY":     "https://proxy.invalid", // the user's: the runner must not use it
		"GOTOOLCHAIN": "auto",
	}
}

func TestGoEnvReal(t *testing.T) {
	gobin := realGo(t)
	dir := t.TempDir()
	vars, err := Exec{}.GoEnv(context.Background(), Invocation{Go: gobin, Dir: dir, Env: userEnv(t, dir)})
	if err != nil {
		t.Fatal(err)
	}
	if vars["GOPROXY"] != "off" || vars["GOTOOLCHAIN"] != "local" {
		t.Errorf("go env saw GOPROXY=%q GOTOOLCHAIN=%q; want off and local", vars["GOPROXY"], vars["GOTOOLCHAIN"])
	}
	if vars["GOMODCACHE"] != filepath.Join(dir, "modcache") {
		t.Errorf("GOMODCACHE = %q: the environment given was not used", vars["GOMODCACHE"])
	}
	if !strings.HasPrefix(vars["GOVERSION"], "go1.") {
		t.Errorf("GOVERSION = %q", vars["GOVERSION"])
	}
}

// fakeGo writes a go that runs script.
func fakeGo(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "go")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGoEnvFaults(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, script, want string
		timeout            bool
	}{
		{"garbage", "echo 'this is not json'", "printed something that is not JSON", false},
		{"fails", "echo 'go: parsing $GOFLAGS: non-flag \"x\"' >&2; exit 1", `go: parsing $GOFLAGS: non-flag "x"`, false},
		{"hangs", "exec sleep 30", "time budget exceeded", true},
		{"floods", "yes '{\"GOROOT\":' | head -c 20000000", "printed more than", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only the hang needs the budget to end it; the others must not
			// race it (a slow machine writes 20 MB slowly).
			x := Exec{EnvBudget: time.Minute}
			if tc.timeout {
				x.EnvBudget = 300 * time.Millisecond
			}
			_, err := x.GoEnv(context.Background(), Invocation{Go: fakeGo(t, tc.script), Dir: dir, Env: userEnv(t, dir)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v; want one containing %q", err, tc.want)
			}
			var ge *Error
			if !errors.As(err, &ge) || ge.Op != "go env -json" {
				t.Errorf("error %v does not say which command failed", err)
			}
			if IsTimeout(err) != tc.timeout {
				t.Errorf("IsTimeout = %v", IsTimeout(err))
			}
		})
	}
}

func TestGoEnvCancelled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	marker := filepath.Join(dir, "started")
	go func() {
		_, err := Exec{}.GoEnv(ctx, Invocation{Go: fakeGo(t, "touch "+marker+"; exec sleep 30"), Dir: dir, Env: userEnv(t, dir)})
		done <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the fake go never started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err == nil || IsTimeout(err) {
			t.Fatalf("error = %v; want a cancellation", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancellation did not stop go env")
	}
}

// TestLoadReal loads a module whose imports fail in the three ways the
// checks classify, with the real go, offline.
func TestLoadReal(t *testing.T) {
	gobin := realGo(t)
	home := t.TempDir()
	mod := t.TempDir()
	testfiles.Write(t, mod, map[string]string{
		"go.mod":     "module example.com/a\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n",
		"main.go":    "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dep\"\n\t\"example.org/nothere\"\n)\n\nfunc main() { fmt.Println(dep.X, nothere.Y) }\n",
		"sub/sub.go": "package sub\n",
	})
	res, err := Exec{}.Load(context.Background(), Invocation{Go: gobin, Dir: mod, Env: userEnv(t, home)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Fatal != "" {
		t.Fatalf("fatal: %s", res.Fatal)
	}
	if res.Packages < 3 {
		t.Errorf("loaded %d packages; want the module's two and fmt's", res.Packages)
	}
	var msgs []string
	for _, e := range res.Errors {
		file, line, _, ok := SplitPos(e.Pos)
		if !ok || file != filepath.Join(mod, "main.go") || line < 6 || line > 7 {
			t.Errorf("error at %q; want main.go line 6 or 7", e.Pos)
		}
		msgs = append(msgs, e.Msg)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "missing go.sum entry for module providing package example.com/dep") {
		t.Errorf("errors do not report the missing go.sum entry:\n%s", all)
	}
	if strings.Contains(all, "proxy.invalid") {
		t.Errorf("the user's GOPROXY was used:\n%s", all)
	}
}

func TestLoadFatal(t *testing.T) {
	gobin := realGo(t)
	home := t.TempDir()
	mod := t.TempDir()
	testfiles.Write(t, mod, map[string]string{
		"go.mod":                        "module example.com/v\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n",
		"main.go":                       "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n",
		"vendor/modules.txt":            "# example.com/dep v1.1.0\n## explicit\nexample.com/dep\n",
		"vendor/example.com/dep/dep.go": "package dep\n",
	})
	res, err := Exec{}.Load(context.Background(), Invocation{Go: gobin, Dir: mod, Env: userEnv(t, home)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Fatal, "inconsistent vendoring") || strings.Contains(res.Fatal, "stderr:") {
		t.Fatalf("Fatal = %q; want the go command's own words about inconsistent vendoring", res.Fatal)
	}
}

// TestLoadBounded: a module with more broken imports than MaxErrors
// reports MaxErrors and counts the rest.
func TestLoadBounded(t *testing.T) {
	gobin := realGo(t)
	home := t.TempDir()
	mod := t.TempDir()
	var src strings.Builder
	src.WriteString("package p\n\nimport (\n")
	for i := 0; i < MaxErrors+20; i++ {
		src.WriteString("\t_ \"example.org/missing/p" + strconv.Itoa(i) + "\"\n")
	}
	src.WriteString(")\n")
	testfiles.Write(t, mod, map[string]string{"go.mod": "module example.com/p\n\ngo 1.22\n", "p.go": src.String()})
	res, err := Exec{}.Load(context.Background(), Invocation{Go: gobin, Dir: mod, Env: userEnv(t, home)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != MaxErrors || res.Truncated != 20 {
		t.Fatalf("%d errors, %d truncated; want %d and 20", len(res.Errors), res.Truncated, MaxErrors)
	}
}

// TestLoadRunsTheVettedGo: the child's go/packages runs the go the
// invocation names, not one earlier on the user's PATH.
func TestLoadRunsTheVettedGo(t *testing.T) {
	gobin := realGo(t)
	home := t.TempDir()
	mod := t.TempDir()
	testfiles.Write(t, mod, map[string]string{"go.mod": "module example.com/p\n\ngo 1.22\n", "p.go": "package p\n"})
	decoyDir := t.TempDir()
	marker := filepath.Join(home, "decoy-ran")
	if err := os.WriteFile(filepath.Join(decoyDir, "go"), []byte("#!/bin/sh\ntouch "+marker+"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := userEnv(t, home)
	env["PATH"] = decoyDir + string(filepath.ListSeparator) + env["PATH"]
	res, err := Exec{}.Load(context.Background(), Invocation{Go: gobin, Dir: mod, Env: env})
	if err != nil || res.Fatal != "" {
		t.Fatalf("load: %v %+v", err, res)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the decoy go on the user's PATH ran")
	}
}

func TestRunUsesTheUsersEnvironment(t *testing.T) {
	dir := t.TempDir()
	out, err := Exec{}.Run(context.Background(), Invocation{Go: fakeGo(t, `echo "$GOPROXY $GOTOOLCHAIN $*"; pwd`), Dir: dir, Env: userEnv(t, dir)}, "mod", "tidy")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "https://proxy.invalid auto mod tidy\n"+dir+"\n"; got != want {
		t.Errorf("output %q; want %q", got, want)
	}
	_, err = Exec{}.Run(context.Background(), Invocation{Go: fakeGo(t, "echo broken; exit 3"), Dir: dir, Env: userEnv(t, dir)}, "mod", "vendor")
	if err == nil || !strings.Contains(err.Error(), "go mod vendor") {
		t.Errorf("error = %v; want one naming go mod vendor", err)
	}
}

func TestSplitPos(t *testing.T) {
	for _, tc := range []struct {
		pos       string
		file      string
		line, col int
		ok        bool
	}{
		{"/a/b.go:3:8", "/a/b.go", 3, 8, true},
		{"/a/b.go:3", "/a/b.go", 3, 0, true},
		{`C:\a\b.go:3:8`, `C:\a\b.go`, 3, 8, true},
		{"", "", 0, 0, false},
		{"/a/b.go", "/a/b.go", 0, 0, false},
	} {
		file, line, col, ok := SplitPos(tc.pos)
		if file != tc.file || line != tc.line || col != tc.col || ok != tc.ok {
			t.Errorf("SplitPos(%q) = %q %d %d %v", tc.pos, file, line, col, ok)
		}
	}
}
