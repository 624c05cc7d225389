package benchtree

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

func tiny(t *testing.T) Spec {
	t.Helper()
	s, ok := Preset("tiny")
	if !ok {
		t.Fatal("no tiny preset")
	}
	return s
}

func genTree(t *testing.T, s Spec) (string, Stats) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tree")
	st, err := Generate(context.Background(), dir, s)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// digest hashes every entry below root: its path, its type, and its content
// or link target. WalkDir goes in lexical order and does not follow links.
func digest(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%q %v\n", filepath.ToSlash(rel), d.Type())
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "-> %q\n", target)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\n", len(data))
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// walk counts the disk the way Stats is documented.
func walk(t *testing.T, root string) Stats {
	t.Helper()
	var st Stats
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == stampName:
		case d.IsDir():
			st.Dirs++
		case d.Type()&fs.ModeSymlink != 0:
			st.Symlinks++
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			st.Files++
			st.Bytes += info.Size()
			if strings.HasSuffix(rel, ".go") {
				st.GoFiles++
			}
			if path.Base(rel) == "go.mod" && !slices.Contains(strings.Split(rel, "/"), "testdata") {
				st.Modules++
			}
		default:
			return fmt.Errorf("unexpected %v at %s", d.Type(), rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDeterministic(t *testing.T) {
	s := tiny(t)
	a, sa := genTree(t, s)
	b, sb := genTree(t, s)
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Errorf("same Spec, different trees: %s vs %s", da, db)
	}
	if sa != sb {
		t.Errorf("same Spec, different Stats: %+v vs %+v", sa, sb)
	}
	s.Seed++
	c, _ := genTree(t, s)
	if digest(t, a) == digest(t, c) {
		t.Error("a different Seed gave the same tree")
	}
}

func TestStatsMatchDisk(t *testing.T) {
	s := tiny(t)
	root, st := genTree(t, s)
	if got := walk(t, root); got != st {
		t.Errorf("disk has %+v, Generate returned %+v", got, st)
	}
	if st.Modules != s.Modules+1 || st.Symlinks == 0 || st.Bytes == 0 {
		t.Errorf("Stats %+v: want %d modules (with the forgotten one), some links and bytes", st, s.Modules+1)
	}

	// Every link stays inside the tree and points at a directory that is not
	// one of its ancestors, so no walker that follows links can loop.
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range plan(s).entries {
		if !filepath.IsLocal(filepath.FromSlash(e.path)) {
			t.Errorf("planned path %q escapes the root", e.path)
		}
		if e.kind != kindLink {
			continue
		}
		if filepath.IsAbs(e.target) {
			t.Errorf("link %s has absolute target %s", e.path, e.target)
		}
		resolved, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(e.path)))
		if err != nil {
			t.Errorf("link %s: %v", e.path, err)
			continue
		}
		rel, err := filepath.Rel(realRoot, resolved)
		if err != nil || !filepath.IsLocal(rel) {
			t.Errorf("link %s resolves to %s, outside the tree", e.path, resolved)
		}
		if strings.HasPrefix(e.path+"/", filepath.ToSlash(rel)+"/") {
			t.Errorf("link %s points at its ancestor %s", e.path, rel)
		}
		if info, err := os.Stat(resolved); err != nil || !info.IsDir() {
			t.Errorf("link %s does not point at a directory", e.path)
		}
	}
}

func TestTypeErrorIsAlone(t *testing.T) {
	s := tiny(t)
	root, _ := genTree(t, s)
	tr := plan(s)
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if bytes.Contains(data, []byte(deliberate)) {
			rel, _ := filepath.Rel(root, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0] != tr.typeError || !strings.HasPrefix(found[0], tr.modules[0]+"/") {
		t.Errorf("type error in %v, want only in %s (first module %s)", found, tr.typeError, tr.modules[0])
	}
}

// Generated Go code reads like real code, down to gofmt.
func TestGoFilesAreFormatted(t *testing.T) {
	for _, e := range plan(tiny(t)).entries {
		if e.kind != kindFile || !strings.HasSuffix(e.path, ".go") {
			continue
		}
		src := e.body()
		got, err := format.Source(src)
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s is not gofmt'd (%v):\n%s", e.path, err, src)
		}
	}
}

// Sizes of the presets, from the plan: writing the big ones takes minutes.
func TestPresetSizes(t *testing.T) {
	target := map[string]int{"tiny": 300, "medium": 20_000, "large": 100_000, "huge": 300_000}
	for _, name := range Presets() {
		s, ok := Preset(name)
		if !ok || s.Name != name {
			t.Fatalf("Preset(%q) = %+v, %v", name, s, ok)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		all := s.GoWork && s.Forgotten && s.TypeError && s.Vendor && s.TestData && s.NodeModules && s.Git && s.Symlinks && s.NonASCII
		if !all || s.Depth < 2 || s.Depth > 3 {
			t.Errorf("%s: want every feature on and Depth 2 or 3: %+v", name, s)
		}
		tr := plan(s)
		st := tr.stats()
		want := target[name]
		if st.Files < want*85/100 || st.Files > want*115/100 {
			t.Errorf("%s: %d files planned, want %d ± 15%%", name, st.Files, want)
		}
		if st.Modules != s.Modules+1 || len(tr.modules) != s.Modules {
			t.Errorf("%s: %d go.mod files and %d used modules, want %d and %d", name, st.Modules, len(tr.modules), s.Modules+1, s.Modules)
		}
		if len(tr.packages) != s.Modules*s.PackagesPerModule {
			t.Errorf("%s: %d packages, want %d", name, len(tr.packages), s.Modules*s.PackagesPerModule)
		}
		noise := 0
		for _, e := range tr.entries {
			if e.kind == kindFile && isNoise(e.path) {
				noise++
			}
		}
		if frac := float64(noise) / float64(st.Files); frac < 0.10 || frac > 0.25 {
			t.Errorf("%s: noise is %.1f%% of the files, want 10–25%%", name, 100*frac)
		}
		t.Logf("%s: %d files (%d noise), %d dirs, %d Go files, %d modules", name, st.Files, noise, st.Dirs, st.GoFiles, st.Modules)
	}
}

func isNoise(p string) bool {
	for _, el := range strings.Split(p, "/") {
		switch el {
		case "vendor", "testdata", "node_modules", ".git", "docs", "data":
			return true
		}
	}
	return false
}

// goEnv is the environment for the real go command: nothing of ours leaks
// in, and nothing may touch the network or switch toolchains.
func goEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOWORK", "GOFLAGS", "GO111MODULE", "GOTOOLCHAIN", "GOPROXY":
			continue
		}
		env = append(env, kv)
	}
	return append(env, append([]string{"GOTOOLCHAIN=local", "GOPROXY=off"}, extra...)...)
}

func goCmd(t *testing.T, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// modulePatterns matches every package of every used module. A bare ./... at
// the root does not: the root of a go.work is not itself in a module.
func modulePatterns(tr *tree) []string {
	var pats []string
	for _, m := range tr.modules {
		pats = append(pats, "./"+m+"/...")
	}
	return pats
}

func TestGoCommand(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	s := tiny(t)
	root, _ := genTree(t, s)
	tr := plan(s)
	env := goEnv()

	t.Run("go.work", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(root, "go.work"))
		if err != nil {
			t.Fatal(err)
		}
		var uses []string
		for _, m := range regexp.MustCompile(`(?m)^\t\./(.+)$`).FindAllStringSubmatch(string(data), -1) {
			uses = append(uses, m[1])
		}
		if !slices.Equal(uses, tr.modules) || !slices.IsSorted(uses) {
			t.Errorf("go.work uses %q, want %q", uses, tr.modules)
		}
		if tr.forgotten == "" || slices.Contains(uses, tr.forgotten) {
			t.Errorf("forgotten module %q is missing or used", tr.forgotten)
		}
	})

	t.Run("list", func(t *testing.T) {
		args := append([]string{"list", "-e", "-f", "{{.ImportPath}} {{if .Error}}ERR{{end}}"}, modulePatterns(tr)...)
		out, err := goCmd(t, root, env, args...)
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.Contains(line, "ERR") {
				t.Errorf("go list: %s", line)
			}
			got = append(got, strings.TrimSpace(line))
		}
		slices.Sort(got)
		if !slices.Equal(got, tr.packages) {
			t.Errorf("go list found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tr.packages, "\n"))
		}
	})

	t.Run("build fails only on the type error", func(t *testing.T) {
		out, err := goCmd(t, root, env, append([]string{"build"}, modulePatterns(tr)...)...)
		if err == nil {
			t.Fatal("go build passed despite the deliberate type error")
		}
		var errs []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(line, "# ") {
				errs = append(errs, line)
			}
		}
		if len(errs) != 1 || !strings.Contains(errs[0], deliberate) {
			t.Errorf("want exactly one error, about the deliberate type error; got:\n%s", out)
		}
	})

	t.Run("vendored module alone", func(t *testing.T) {
		if len(tr.vendored) == 0 {
			t.Fatal("tiny has no vendor noise")
		}
		dir := filepath.Join(root, filepath.FromSlash(tr.vendored[0]))
		out, err := goCmd(t, dir, goEnv("GOWORK=off"), "list", "-e", "-f", "{{.ImportPath}} {{if .Error}}ERR{{end}}", "./...")
		if err != nil || strings.Contains(out, "ERR") || strings.Count(out, "\n") != s.PackagesPerModule {
			t.Errorf("GOWORK=off go list ./... in %s: %v\n%s", tr.vendored[0], err, out)
		}
	})

	t.Run("forgotten module alone", func(t *testing.T) {
		dir := filepath.Join(root, filepath.FromSlash(tr.forgotten))
		out, err := goCmd(t, dir, goEnv("GOWORK=off"), "list", "./...")
		if err != nil || strings.TrimSpace(out) != "example.com/bench/forgotten/check" {
			t.Errorf("GOWORK=off go list ./... in %s: %v\n%s", tr.forgotten, err, out)
		}
	})

	t.Run("vet passes without the type error", func(t *testing.T) {
		clean := s
		clean.TypeError = false
		root, _ := genTree(t, clean)
		out, err := goCmd(t, root, env, append([]string{"vet"}, modulePatterns(plan(clean))...)...)
		if err != nil {
			t.Errorf("go vet: %v\n%s", err, out)
		}
	})
}

func TestEnsure(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	s := tiny(t)
	dir, st, err := Ensure(ctx, cache, s)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^tiny-[0-9a-f]{12}$`).MatchString(filepath.Base(dir)) || filepath.Dir(dir) != cache {
		t.Errorf("Ensure put the tree at %s", dir)
	}
	if got := walk(t, dir); got != st {
		t.Errorf("disk has %+v, Ensure returned %+v", got, st)
	}
	marker := filepath.Join(dir, "marker")
	plant := func() {
		t.Helper()
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ensure := func(why string) {
		t.Helper()
		got, gotSt, err := Ensure(ctx, cache, s)
		if err != nil {
			t.Fatalf("%s: %v", why, err)
		}
		if got != dir || gotSt != st {
			t.Errorf("%s: Ensure = %s %+v, want %s %+v", why, got, gotSt, dir, st)
		}
		if entries, _ := os.ReadDir(cache); len(entries) != 1 {
			t.Errorf("%s: cache holds %d entries, want only the tree", why, len(entries))
		}
	}
	survives := func() bool {
		_, err := os.Stat(marker)
		return err == nil
	}

	plant()
	ensure("complete tree")
	if !survives() {
		t.Error("Ensure rewrote a complete tree")
	}

	stampPath := filepath.Join(dir, stampName)
	for _, tc := range []struct {
		name  string
		spoil func() error
	}{
		{"missing stamp", func() error { return os.Remove(stampPath) }},
		{"different stamp", func() error { return os.WriteFile(stampPath, []byte("{}\n"), 0o644) }},
		{"stamp of another Spec", func() error {
			other := s
			other.Seed++
			data, err := stampBytes(stamp{Generator: generatorVersion, Spec: other, Stats: st})
			if err != nil {
				return err
			}
			return os.WriteFile(stampPath, data, 0o644)
		}},
	} {
		plant()
		if err := tc.spoil(); err != nil {
			t.Fatal(err)
		}
		ensure(tc.name)
		if survives() {
			t.Errorf("%s: Ensure kept the tree", tc.name)
		}
	}

	other := s
	other.Seed++
	if d, _, err := Ensure(ctx, cache, other); err != nil || d == dir {
		t.Errorf("another Spec: Ensure = %s, %v; want a new directory", d, err)
	}
}

func TestEnsureConcurrent(t *testing.T) {
	cache := t.TempDir()
	s := tiny(t)
	var wg sync.WaitGroup
	dirs := make([]string, 2)
	errs := make([]error, 2)
	for i := range dirs {
		wg.Go(func() { dirs[i], _, errs[i] = Ensure(context.Background(), cache, s) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if dirs[0] != dirs[1] {
		t.Errorf("concurrent Ensures returned %s and %s", dirs[0], dirs[1])
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Errorf("cache holds %d entries after concurrent Ensures, want 1", len(entries))
	}
	ref, _ := genTree(t, s)
	if err := os.Remove(filepath.Join(dirs[0], stampName)); err != nil {
		t.Fatal(err)
	}
	if digest(t, dirs[0]) != digest(t, ref) {
		t.Error("the cached tree differs from a fresh one")
	}
}

// Losing the rename to another complete tree is fine: use theirs.
func TestEnsureLosesRace(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	s := tiny(t)
	var theirs string
	testHookBeforeRename = func() {
		testHookBeforeRename = nil
		dir, _, err := Ensure(ctx, cache, s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "marker"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		theirs = dir
	}
	t.Cleanup(func() { testHookBeforeRename = nil })
	dir, st, err := Ensure(ctx, cache, s)
	if err != nil {
		t.Fatal(err)
	}
	if theirs == "" || dir != theirs {
		t.Fatalf("Ensure = %s, the winner wrote %q", dir, theirs)
	}
	if _, err := os.Stat(filepath.Join(dir, "marker")); err != nil {
		t.Error("the loser replaced the winner's tree")
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Errorf("cache holds %d entries, want only the winner's tree", len(entries))
	}
	if got := walk(t, dir); got.Files != st.Files+1 {
		t.Errorf("disk has %+v, Ensure returned %+v (plus the marker)", got, st)
	}
}

func TestGenerateRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(context.Background(), dir, tiny(t)); err == nil {
		t.Error("Generate wrote into a non-empty directory")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, filepath.Join(t.TempDir(), "x"), tiny(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Generate with a cancelled context: %v", err)
	}
}

func TestValidate(t *testing.T) {
	good := Spec{Name: "custom", Modules: 1, PackagesPerModule: 1, FilesPerPackage: 1, Depth: 1}
	if err := good.Validate(); err != nil {
		t.Fatalf("minimal Spec: %v", err)
	}
	for name, spoil := range map[string]func(*Spec){
		"zero modules":      func(s *Spec) { s.Modules = 0 },
		"negative modules":  func(s *Spec) { s.Modules = -1 },
		"depth 0":           func(s *Spec) { s.Depth = 0 },
		"negative packages": func(s *Spec) { s.PackagesPerModule = -3 },
		"negative files":    func(s *Spec) { s.FilesPerPackage = -1 },
		"too many modules":  func(s *Spec) { s.Modules = maxModules + 1 },
		"too deep":          func(s *Spec) { s.Depth = maxDepth + 1 },
		"too many files":    func(s *Spec) { s.Modules, s.PackagesPerModule, s.FilesPerPackage = maxModules, maxPackages, maxFiles },
		"empty name":        func(s *Spec) { s.Name = "" },
		"name with a slash": func(s *Spec) { s.Name = "a/b" },
		"dot name":          func(s *Spec) { s.Name = ".." },
	} {
		s := good
		spoil(&s)
		if s.Validate() == nil {
			t.Errorf("%s: Validate accepted %+v", name, s)
		}
		if _, err := Generate(context.Background(), filepath.Join(t.TempDir(), "x"), s); err == nil {
			t.Errorf("%s: Generate accepted %+v", name, s)
		}
	}
}

// The smallest Spec still builds: one module, one package, one file.
func TestMinimalSpec(t *testing.T) {
	s := Spec{Name: "custom", Modules: 1, PackagesPerModule: 1, FilesPerPackage: 1, Depth: 1, GoWork: true, TypeError: true}
	root, st := genTree(t, s)
	if got := walk(t, root); got != st || st.GoFiles != 1 || st.Modules != 1 {
		t.Errorf("disk %+v, Stats %+v", got, st)
	}
}

func BenchmarkPlanHuge(b *testing.B) {
	s, _ := Preset("huge")
	for b.Loop() {
		plan(s)
	}
}

func BenchmarkGenerateTiny(b *testing.B) {
	s, _ := Preset("tiny")
	for i := 0; b.Loop(); i++ {
		if _, err := Generate(context.Background(), filepath.Join(b.TempDir(), fmt.Sprint(i)), s); err != nil {
			b.Fatal(err)
		}
	}
}
