package diagnostics

// GOPROXY and gopls: two §D checks that need no process. The module cache
// is looked at, and the gopls binary's build information is read from the
// file — the facts `gopls version` prints — without running it.

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// deadMirrors are module mirrors that shut down: a GOPROXY listing one
// fails (or falls through slowly) on every download.
var deadMirrors = map[string]string{
	"gocenter.io": "JFrog GoCenter, shut down in 2021",
}

func checkGoproxyUnusable(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOPROXY")
		if !ok {
			return nil
		}
		var msg string
		for _, entry := range strings.FieldsFunc(v.Value, func(r rune) bool { return r == ',' || r == '|' }) {
			host := strings.TrimPrefix(strings.TrimPrefix(entry, "https://"), "http://")
			host, _, _ = strings.Cut(host, "/")
			if what, dead := deadMirrors[host]; dead {
				msg = fmt.Sprintf("GOPROXY (from %s) lists %s, which is %s: downloads through it fail.", v.Source.Describe(folder.Path), entry, what)
				break
			}
		}
		if first, _, _ := strings.Cut(v.Value, ","); msg == "" && strings.TrimSpace(first) == "off" {
			missing := uncachedRequirements(snap, folder, fe)
			if len(missing) == 0 {
				return nil
			}
			msg = fmt.Sprintf("GOPROXY=off (from %s) while %s %s not in the module cache: the go command cannot download %s, so the build and gopls fail on every package that imports %s.",
				v.Source.Describe(folder.Path), listSome(missing, 3), isAre(len(missing)), itThem(len(missing)), itThem(len(missing)))
		}
		if msg == "" {
			return nil
		}
		return envFinding(snap, folder, fe, v, msg, "Remove the GOPROXY override", fix.Likely)
	})
}

// uncachedRequirements lists the required module versions (after
// replacements; local directories and workspace modules excepted) whose
// go.mod is not in the module cache.
func uncachedRequirements(snap *workspace.Snapshot, folder workspace.Folder, fe *folderEnv) []string {
	cache := modCache(fe.gopls)
	if cache == "" {
		return nil
	}
	local := map[string]bool{}
	roots := moduleRoots(snap, folder)
	for _, dir := range roots {
		if mf := snap.ModFile(filepath.Join(dir, "go.mod")); mf != nil {
			local[mf.ModulePath()] = true
		}
	}
	var missing []string
	seen := map[string]bool{}
	for _, dir := range roots {
		mf := snap.ModFile(filepath.Join(dir, "go.mod"))
		if mf == nil || mf.File == nil {
			continue
		}
		replaced := map[string]module.Version{}
		for _, r := range mf.File.Replace {
			replaced[r.Old.Path] = r.New
		}
		for _, r := range mf.File.Require {
			mv := r.Mod
			if nv, ok := replaced[mv.Path]; ok {
				if nv.Version == "" {
					continue // a local directory
				}
				mv = nv
			}
			if local[mv.Path] || seen[mv.String()] {
				continue
			}
			seen[mv.String()] = true
			ep, err1 := module.EscapePath(mv.Path)
			ev, err2 := module.EscapeVersion(mv.Version)
			if err1 != nil || err2 != nil {
				continue // gomod-syntax territory
			}
			if !snap.FileExists(filepath.Join(cache, "cache", "download", filepath.FromSlash(ep), "@v", ev+".mod")) {
				missing = append(missing, mv.String())
			}
		}
	}
	return missing
}

// modCache is where the go command keeps modules: GOMODCACHE, else the
// first GOPATH entry's pkg/mod, else $HOME/go/pkg/mod.
func modCache(env *goenv.Env) string {
	if c := env.Get("GOMODCACHE"); filepath.IsAbs(c) {
		return c
	}
	if gp := filepath.SplitList(env.Get("GOPATH")); len(gp) > 0 && filepath.IsAbs(gp[0]) {
		return filepath.Join(gp[0], "pkg", "mod")
	}
	if h := env.Get("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, "go", "pkg", "mod")
	}
	return ""
}

func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// goplsSupport is gopls's support policy (go.dev/s/gopls-support-policy),
// as its goversion package writes it: for each old Go 1.N, the gopls
// release that dropped it ("" when every current gopls has) and the last
// gopls to support it without warnings.
var goplsSupport = []struct {
	goMinor      int
	droppedIn    string
	lastSupports string
}{
	{12, "", "v0.7.5"},
	{15, "", "v0.9.5"},
	{16, "", "v0.11.0"},
	{17, "", "v0.11.0"},
	{18, "", "v0.14.2"},
	{19, "v0.17.0", "v0.15.3"},
	{20, "v0.17.0", "v0.15.3"},
}

const goplsModule = "golang.org/x/tools/gopls"

// goplsDropsGo reports whether gopls version no longer supports Go 1.minor,
// and the last gopls that does.
func goplsDropsGo(version string, minor int) (last string, dropped bool) {
	for _, p := range goplsSupport {
		if minor > p.goMinor {
			continue
		}
		dropped = semver.Compare(version, p.lastSupports) > 0 && (p.droppedIn == "" || semver.Compare(version, p.droppedIn) >= 0)
		return p.lastSupports, dropped
	}
	return "", false
}

func checkGoplsUnsupported(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		bin, from := findGopls(snap, folder, fe)
		if bin == "" {
			return nil // not installed: the Go extension offers to install it
		}
		a, ok := goAnchor(snap, folder)
		if !ok {
			return nil
		}
		install := runGoFix(filepath.Dir(a.file), "install", goplsModule+"@latest")
		install.Title = "Install the latest gopls (go install " + goplsModule + "@latest)"
		install.Command.Title = install.Title
		finding := func(msg string, file string, rng textpos.Range) []Finding {
			return []Finding{{Message: msg, File: file, Range: rng, Source: path.Base(file), Fixes: []fix.Fix{install}}}
		}
		bi, err := snap.BinaryInfo(bin)
		if err != nil {
			if strings.HasPrefix(string(snap.FileHead(bin, 2)), "#!") {
				return nil // a wrapper script: its gopls is out of sight
			}
			return finding(fmt.Sprintf("The gopls that would run (%s, %s) is not a Go program: it cannot be gopls, and gomend will not run it.", bin, from), a.file, a.rng)
		}
		if bi.Main != goplsModule {
			main := bi.Main
			if main == "" {
				main = "a program without module information"
			}
			return finding(fmt.Sprintf("The gopls that would run (%s, %s) is not gopls: it was built from %s. gomend will not run it.", bin, from, main), a.file, a.rng)
		}
		// gopls built with an older Go cannot type-check a newer language.
		if built := langVersion(bi.GoVersion); built != "" {
			if file, want, rng, ok := newestGoLine(snap, folder); ok && compareGo(want, built) > 0 {
				return finding(fmt.Sprintf("gopls %s (%s) was built with %s, older than the go %s this module asks for: %s.",
					bi.Version, bin, bi.GoVersion, want, olderBuildEffect(built, want)), file, rng)
			}
		}
		// The go command is older than this gopls supports.
		local := langVersion(snap.GoVersion())
		if local == "" || !semver.IsValid(bi.Version) {
			return nil
		}
		var minor int
		if _, err := fmt.Sscanf(local, "1.%d", &minor); err != nil {
			return nil
		}
		if last, dropped := goplsDropsGo(bi.Version, minor); dropped {
			f := finding(fmt.Sprintf("gopls %s (%s) does not support Go %s, the go command here: it refuses to work with it (\"Found Go version 1.%d, which is not supported by this version of gopls\"). Upgrade Go, or install gopls %s.",
				bi.Version, bin, local, minor, last), a.file, a.rng)
			f[0].Fixes = append(f[0].Fixes, runGoFix(filepath.Dir(a.file), "install", goplsModule+"@"+last))
			return f
		}
		return nil
	})
}

// findGopls is the gopls the Go extension would start: go.alternateTools
// gopls, else gopls on the PATH of gopls's environment, else $GOBIN, else
// the first GOPATH entry's bin ($HOME/go/bin by default).
func findGopls(snap *workspace.Snapshot, folder workspace.Folder, fe *folderEnv) (bin, from string) {
	env := fe.gopls.Map()
	if alt := alternateTool(snap, folder, "gopls"); alt != "" {
		if filepath.IsAbs(alt) {
			if snap.FileExists(alt) {
				return alt, "go.alternateTools.gopls"
			}
			return "", ""
		}
		if p := goenv.FindTool(env, alt); p != "" {
			return p, "go.alternateTools.gopls, on the PATH"
		}
	}
	var extra []string
	if gobin := env["GOBIN"]; gobin != "" {
		extra = append(extra, gobin)
	}
	if gp := filepath.SplitList(env["GOPATH"]); len(gp) > 0 && gp[0] != "" {
		extra = append(extra, filepath.Join(gp[0], "bin"))
	} else if h := env["HOME"]; h != "" {
		extra = append(extra, filepath.Join(h, "go", "bin"))
	}
	if p := goenv.FindTool(env, "gopls", extra...); p != "" {
		return p, "found on the PATH or in the Go bin directory"
	}
	return "", ""
}

// newestGoLine is the highest go line among the folder's go.mod and
// go.work files, with where it is.
func newestGoLine(snap *workspace.Snapshot, folder workspace.Folder) (file, want string, rng textpos.Range, ok bool) {
	l := snap.Layout(folder.Path)
	if l == nil {
		return
	}
	for _, p := range l.ModFiles {
		if mf := snap.ModFile(p); mf != nil && mf.File != nil && mf.File.Go != nil && (!ok || compareGo(mf.File.Go.Version, want) > 0) {
			file, want, rng, ok = p, mf.File.Go.Version, lineRange(mf.Content, mf.File.Go.Syntax), true
		}
	}
	for _, p := range l.WorkFiles {
		if wf := snap.WorkFile(p); wf != nil && wf.File != nil && wf.File.Go != nil && (!ok || compareGo(wf.File.Go.Version, want) > 0) {
			file, want, rng, ok = p, wf.File.Go.Version, lineRange(wf.Content, wf.File.Go.Syntax), true
		}
	}
	return
}

// olderBuildEffect is what a gopls whose type checker (that of built, the
// Go it was built with) is older than a module's go line (want) does to
// that module. From Go 1.21, go/types refuses a newer language: gopls
// v0.14.2 (go1.21.13) answered hover with null, without a word, on a
// go 1.22 module. Older type checkers take any version and trip only on
// newer features: gopls v0.11.0 (go1.20.14) hovered there as usual (both
// in internal/goplstrace/testdata/captured).
func olderBuildEffect(built, want string) string {
	if compareGo(built, "1.21") >= 0 {
		return "its type checker refuses the newer language, so hover, definition and completion can quietly return nothing in this module (some releases report \"requires newer Go version\" in every file instead)"
	}
	return fmt.Sprintf("its type checker predates Go %s, so code that uses newer language features gets false errors", want)
}
