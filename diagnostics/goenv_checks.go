package diagnostics

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/vscode"
	"github.com/gomend/gomend/internal/workspace"
)

// codeWorkspaceSettings is the .code-workspace's settings, or nil.
func codeWorkspaceSettings(snap *workspace.Snapshot) *vscode.Settings {
	if cw := snap.CodeWorkspace(); cw != nil {
		return cw.Settings
	}
	return nil
}

// eachFolderEnv runs f on every folder with its composed environment.
func eachFolderEnv(ctx context.Context, snap *workspace.Snapshot, f func(folder workspace.Folder, fe *folderEnv) []Finding) []Finding {
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		out = append(out, f(folder, envOf(snap, folder))...)
	}
	return dedupFindings(out)
}

// dedupFindings drops repeats: folders share a .code-workspace's settings.
func dedupFindings(fs []Finding) []Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := fmt.Sprintf("%s\x00%s\x00%v\x00%s", f.Check, f.File, f.Range, f.Message)
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// envFinding is the finding about v, anchored on it (or the go.mod), with
// "Remove this setting" when v is in a settings file, else how to unset
// it; none when there is nothing to anchor it on.
func envFinding(snap *workspace.Snapshot, folder workspace.Folder, fe *folderEnv, v goenv.Value, msg string, removeTitle string, a fix.Applicability) []Finding {
	file, rng, source, ok := envAnchor(snap, folder, v)
	if !ok {
		return nil
	}
	f := Finding{Message: msg, File: file, Range: rng, Source: source}
	if fixes := removeSetting(fe, v, removeTitle, a); fixes != nil {
		f.Fixes = fixes
	} else {
		f.Fixes = []fix.Fix{{Applicability: fix.Manual, Title: unsetHow(v)}}
	}
	return []Finding{f}
}

func checkGomoduleOff(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GO111MODULE")
		if !ok || v.Value != "off" || !hasModule(snap, folder) {
			return nil
		}
		msg := fmt.Sprintf("GO111MODULE=off comes from %s, but this folder has a go.mod or go.work: gopls silently falls back "+
			"to GOPATH mode (or loads each file on its own), with no diagnostic anywhere, and the modules' packages are not found.",
			v.Source.Describe(folder.Path))
		return envFinding(snap, folder, fe, v, msg, "Remove this setting", fix.Exact)
	})
}

func checkGoworkOff(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOWORK")
		if !ok || v.Value != "off" {
			return nil
		}
		work := nearestWork(snap, folder.Path)
		if work == "" {
			return nil
		}
		msg := fmt.Sprintf("GOWORK=off comes from %s, but %s applies here: gopls and the go command ignore it, so each module "+
			"is built alone and references across the workspace modules are not seen.", v.Source.Describe(folder.Path), display(folder.Path, work))
		return envFinding(snap, folder, fe, v, msg, "Remove this setting", fix.Exact)
	})
}

func checkGoworkInvalid(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOWORK")
		if !ok || v.Value == "" || v.Value == "off" || v.Value == "auto" {
			return nil
		}
		var why string
		switch {
		case !filepath.IsAbs(v.Value):
			why = "is a relative path: the go command refuses it (\"invalid GOWORK: not an absolute path\")"
		case !snap.FileExists(v.Value):
			why = "names a file that does not exist: the go command fails on every command"
		default:
			if w := snap.WorkFile(v.Value); w == nil || w.File == nil {
				why = "names a file that is not a valid go.work: the go command fails to load anything"
			}
		}
		if why == "" {
			return nil
		}
		file, rng, source, ok := envAnchor(snap, folder, v)
		if !ok {
			return nil
		}
		return []Finding{{
			Message: fmt.Sprintf("GOWORK=%s (from %s) %s.", v.Value, v.Source.Describe(folder.Path), why),
			File:    file, Range: rng, Source: source,
			Fixes: []fix.Fix{{Applicability: fix.Manual,
				Title: "Point GOWORK at an existing go.work by its absolute path, or remove it so the nearest go.work applies"}},
		}}
	})
}

// gopathEntries splits GOPATH by the host's list separator.
func gopathEntries(snap *workspace.Snapshot, gopath string) []string {
	sep := ":"
	if hostGOOS(snap) == "windows" {
		sep = ";"
	}
	var out []string
	for _, e := range strings.Split(gopath, sep) {
		if e != "" {
			out = append(out, e)
		}
	}
	return out
}

func checkGopathRelative(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOPATH")
		if !ok {
			return nil
		}
		for _, e := range gopathEntries(snap, v.Value) {
			if filepath.IsAbs(e) || hostfs.IsWindowsPath(e) {
				continue
			}
			file, rng, source, ok := envAnchor(snap, folder, v)
			if !ok {
				return nil
			}
			return []Finding{{
				Message: fmt.Sprintf("GOPATH entry %q (from %s) is a relative path: the go command refuses it (\"GOPATH entry is "+
					"relative; must be absolute path\"), so nothing loads.", e, v.Source.Describe(folder.Path)),
				File: file, Range: rng, Source: source,
				Fixes: []fix.Fix{{Applicability: fix.Manual, Title: "Write every GOPATH entry as an absolute path"}},
			}}
		}
		return nil
	})
}

// goroot is GOROOT as the go command would have it: set, or the toolchain
// holding the go on PATH.
func goroot(snap *workspace.Snapshot, fe *folderEnv) (string, string) {
	if v, ok := fe.gopls.Lookup("GOROOT"); ok && v.Value != "" {
		return v.Value, "GOROOT from " + v.Source.Describe("")
	}
	if gobin := snap.GoCommand(); gobin != "" {
		if real, _, err := snap.Links(gobin); err == nil {
			return filepath.Dir(filepath.Dir(real)), "the toolchain of " + gobin
		}
	}
	return "", ""
}

func checkGorootGopathOverlap(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOPATH")
		root, rootFrom := goroot(snap, fe)
		if !ok || root == "" {
			return nil
		}
		for _, e := range gopathEntries(snap, v.Value) {
			if !filepath.IsAbs(e) {
				continue
			}
			var what string
			switch {
			case filepath.Clean(e) == filepath.Clean(root):
				what = "is GOROOT"
			case hostfs.StrictlyWithin(root, e):
				what = "is inside GOROOT"
			case hostfs.StrictlyWithin(e, root):
				what = "holds GOROOT"
			default:
				continue
			}
			msg := fmt.Sprintf("GOPATH entry %s (from %s) %s (%s, %s): installed tools, downloaded modules and the standard "+
				"library get mixed up (when the two are the same directory the go command warns \"both GOPATH and GOROOT are the "+
				"same directory\").", e, v.Source.Describe(folder.Path), what, root, rootFrom)
			if f := envFinding(snap, folder, fe, v, msg, "Remove this setting", fix.Exact); f != nil {
				return f
			}
		}
		return nil
	})
}

// coversAll reports a GONOSUMDB/GOINSECURE-style pattern list that
// matches every module path.
func coversAll(list string) bool {
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p != "" && strings.Trim(p, "*/") == "" {
			return true
		}
	}
	return false
}

func checkGosumdbOff(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		var out []Finding
		add := func(v goenv.Value, what string) {
			effect := "the go command does not check downloaded modules against the checksum database, so a tampered or substituted module is not detected"
			if strings.HasPrefix(what, "GOINSECURE") || strings.Contains(what, "-insecure") {
				effect = "the go command fetches every module over connections it does not verify"
			}
			msg := fmt.Sprintf("%s (from %s): %s.", what, v.Source.Describe(folder.Path), effect)
			out = append(out, envFinding(snap, folder, fe, v, msg, "Remove the override", fix.Likely)...)
		}
		if v, ok := fe.gopls.Lookup("GOSUMDB"); ok && v.Value == "off" {
			add(v, "GOSUMDB=off")
		}
		for _, key := range []string{"GONOSUMDB", "GONOSUMCHECK", "GOINSECURE"} {
			if v, ok := fe.gopls.Lookup(key); ok && coversAll(v.Value) {
				add(v, key+"="+v.Value+" covers every module")
			}
		}
		if v, ok := fe.gopls.Lookup("GOFLAGS"); ok {
			for _, fl := range goenv.SplitFlags(v.Value) {
				if fl == "-insecure" || fl == "--insecure" {
					add(v, "GOFLAGS has -insecure")
				}
			}
		}
		return out
	})
}

func checkGoflagsConflict(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOFLAGS")
		if !ok || strings.TrimSpace(v.Value) == "" {
			return nil
		}
		flags := goenv.SplitFlags(v.Value)
		var out []Finding
		for _, fl := range flags {
			why := goflagProblem(snap, folder, fl)
			if why == "" {
				continue
			}
			file, rng, source, ok := envAnchor(snap, folder, v)
			if !ok {
				continue
			}
			f := Finding{
				Message: fmt.Sprintf("GOFLAGS=%q (from %s): %s.", v.Value, v.Source.Describe(folder.Path), why),
				File:    file, Range: rng, Source: source,
			}
			rest := strings.Join(without(flags, fl), " ")
			title := "Remove the flag " + fl + " from GOFLAGS"
			if fixes := setSetting(fe, v, rest, title, fix.Exact); fixes != nil {
				if rest == "" {
					fixes = removeSetting(fe, v, title, fix.Exact)
				}
				f.Fixes = fixes
			} else {
				f.Fixes = []fix.Fix{{Applicability: fix.Manual, Title: "Remove " + fl + " from GOFLAGS where it is set (" + v.Source.Describe(folder.Path) + ")"}}
			}
			out = append(out, f)
		}
		return out
	})
}

func without(list []string, x string) []string {
	var out []string
	for _, s := range list {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

// goflagProblem says why a GOFLAGS flag breaks loading here, or "".
func goflagProblem(snap *workspace.Snapshot, folder workspace.Folder, fl string) string {
	name, value, _ := strings.Cut(strings.TrimLeft(fl, "-"), "=")
	switch {
	case !strings.HasPrefix(fl, "-") || name == "":
		return fmt.Sprintf("%q is not a flag: the go command refuses every command (\"parsing $GOFLAGS: non-flag %q\")", fl, fl)
	case name == "modfile":
		return "-modfile makes every go command read another go.mod than the one gopls edits and shows"
	case name == "mod" && value == "mod" && nearestWork(snap, folder.Path) != "":
		return "-mod=mod is refused in workspace mode (\"-mod may only be set to readonly or vendor when in workspace mode\"), and a go.work applies here"
	case name == "mod" && value == "vendor":
		if m := moduleWithoutVendor(snap, folder); m != "" {
			return "-mod=vendor, but " + m + " has requirements and no vendor/modules.txt: the go command fails (\"inconsistent vendoring\")"
		}
	}
	return ""
}

// moduleWithoutVendor is a module of the folder that requires modules but
// has no vendor/modules.txt, or "".
func moduleWithoutVendor(snap *workspace.Snapshot, folder workspace.Folder) string {
	l := snap.Layout(folder.Path)
	if l == nil {
		return ""
	}
	for _, p := range l.ModFiles {
		mf := snap.ModFile(p)
		if mf == nil || mf.File == nil || len(mf.File.Require) == 0 {
			continue
		}
		if !snap.FileExists(filepath.Join(filepath.Dir(p), "vendor", "modules.txt")) {
			return display(folder.Path, p)
		}
	}
	return ""
}

// goVars are the variables whose values the terminal and gopls must share.
var goVars = []string{"GO111MODULE", "GOWORK", "GOFLAGS", "GOPATH", "GOROOT", "GOMODCACHE", "GOCACHE", "GOPROXY",
	"GOSUMDB", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOINSECURE", "GOTOOLCHAIN", "GOEXPERIMENT", "GOOS", "GOARCH", "CGO_ENABLED"}

func checkEnvInconsistent(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		var out []Finding
		for _, key := range goVars {
			// Two configured sources that disagree: a variable only one side
			// sets, or one the process environment gives both, is an
			// override, not an inconsistency.
			g, gok := fe.gopls.Lookup(key)
			t, tok := fe.terminal.Lookup(key)
			if !gok || !tok || g.Value == t.Value || g.Source.Kind == "the environment" || t.Source.Kind == "the environment" {
				continue
			}
			gSay, tSay := quoteOrUnset(g.Value, gok), quoteOrUnset(t.Value, tok)
			msg := fmt.Sprintf("%s is %s for gopls (%s) but %s in the integrated terminal (%s): the terminal builds and tests one "+
				"thing, gopls shows another.", key, gSay, describeOr(g, gok, folder), tSay, describeOr(t, tok, folder))
			// Anchor on the setting that makes them differ.
			at := g
			if !g.Source.Settings() {
				at = t
			}
			file, rng, source, ok := envAnchor(snap, folder, at)
			if !ok {
				continue
			}
			f := Finding{Message: msg, File: file, Range: rng, Source: source}
			if tok && g.Source.Settings() {
				f.Fixes = append(f.Fixes, setSetting(fe, g, t.Value, "Use the value from "+t.Source.Kind, fix.Likely)...)
			}
			if gok && t.Source.Settings() {
				f.Fixes = append(f.Fixes, setSetting(fe, t, g.Value, "Use the value from "+g.Source.Kind, fix.Likely)...)
			}
			out = append(out, f)
		}
		return out
	})
}

func quoteOrUnset(v string, set bool) string {
	if !set {
		return "unset"
	}
	return fmt.Sprintf("%q", v)
}

func describeOr(v goenv.Value, set bool, folder workspace.Folder) string {
	if !set {
		return "nothing sets it"
	}
	return "from " + v.Source.Describe(folder.Path)
}

func checkToolchainTooOld(ctx context.Context, snap *workspace.Snapshot) []Finding {
	local := snap.GoVersion()
	if local == "" {
		return nil
	}
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		tc := fe.gopls.Get("GOTOOLCHAIN")
		proxyOff := fe.gopls.Get("GOPROXY") == "off"
		if tc != "local" && !strings.HasPrefix(tc, "local+") && !proxyOff {
			return nil // the go command switches to the toolchain it needs
		}
		why := "GOTOOLCHAIN=" + tc + " forbids switching"
		if tc != "local" {
			why = "GOPROXY=off, so the go command cannot download it"
		}
		l := snap.Layout(folder.Path)
		if l == nil {
			return nil
		}
		var out []Finding
		check := func(file string, content []byte, want, line string, rng func() textpos.Range) {
			v := strings.TrimPrefix(want, "go")
			if v == "" || v[0] < '0' || v[0] > '9' || compareGo(v, local) <= 0 { // "default" is no version
				return
			}
			out = append(out, Finding{
				Message: fmt.Sprintf("%s asks for %s, but the local toolchain is go%s and %s: every go command here fails "+
					"(\"go.mod requires go >= %s (running go %s; GOTOOLCHAIN=%s)\"), and gopls loads nothing.",
					line, want, local, why, strings.TrimPrefix(want, "go"), local, tc),
				File: file, Range: rng(), Source: path.Base(file),
				Fixes: []fix.Fix{{Applicability: fix.Manual, Title: "Install go" + strings.TrimPrefix(want, "go") + ", or let the go command switch (GOTOOLCHAIN=auto)"}},
			})
		}
		// Only the go line: with GOTOOLCHAIN=local a newer toolchain line
		// alone is not an error.
		for _, p := range l.ModFiles {
			if mf := snap.ModFile(p); mf != nil && mf.File != nil && mf.File.Go != nil {
				check(p, mf.Content, mf.File.Go.Version, "go.mod's go line", func() textpos.Range { return lineRange(mf.Content, mf.File.Go.Syntax) })
			}
		}
		for _, p := range l.WorkFiles {
			if wf := snap.WorkFile(p); wf != nil && wf.File != nil && wf.File.Go != nil {
				check(p, wf.Content, wf.File.Go.Version, "go.work's go line", func() textpos.Range { return lineRange(wf.Content, wf.File.Go.Syntax) })
			}
		}
		return out
	})
}

// alternateTool is go.alternateTools.<tool> from the folder's settings, if set.
func alternateTool(snap *workspace.Snapshot, folder workspace.Folder, tool string) string {
	for _, st := range []*vscode.Settings{snap.Settings(folder.Path), codeWorkspaceSettings(snap)} {
		if st == nil {
			continue
		}
		if v, ok := st.Get("go.alternateTools"); ok {
			if m, ok := v.(map[string]any); ok {
				if g, ok := m[tool].(string); ok && g != "" {
					return g
				}
			}
		}
	}
	return ""
}

func checkGoNotFound(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		env := fe.gopls.Map()
		if snap.GoCommandIn(env) != "" || alternateTool(snap, folder, "go") != "" {
			return nil
		}
		where := "PATH is empty"
		path, ok := fe.gopls.Lookup("PATH")
		if ok && path.Value != "" {
			where = "none of the PATH directories (from " + path.Source.Describe(folder.Path) + ") holds one"
		}
		// On the PATH value when a settings file sets it, else the go.mod.
		file, rng, source, ok := envAnchor(snap, folder, path)
		if !ok {
			return nil
		}
		return []Finding{{
			Message: fmt.Sprintf("No go command for gopls to run: %s, and GOROOT names none. gopls cannot load any package, "+
				"and the Go extension cannot install or run its tools.", where),
			File: file, Range: rng, Source: source,
			Fixes: []fix.Fix{{Applicability: fix.Manual,
				Title: "Install Go and put its bin directory on the PATH the editor starts with (or set go.alternateTools.go)"}},
		}}
	})
}

func checkGorootInvalid(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		v, ok := fe.gopls.Lookup("GOROOT")
		if !ok || v.Value == "" {
			return nil
		}
		tree := snap.ToolchainVersion(v.Value)
		var why string
		switch {
		case !filepath.IsAbs(v.Value) || !snap.DirExists(v.Value):
			why = "is not a directory"
		case tree == "" && !snap.FileExists(filepath.Join(v.Value, "bin", "go")):
			why = "is not a Go tree (no VERSION file, no bin/go)"
		default:
			// The go that runs is found without this GOROOT: its own tree.
			env := fe.gopls.Map()
			delete(env, "GOROOT")
			if gobin := snap.GoCommandIn(env); gobin != "" && tree != "" {
				if real, _, err := snap.Links(gobin); err == nil {
					if own := snap.ToolchainVersion(filepath.Dir(filepath.Dir(real))); own != "" && own != tree {
						why = fmt.Sprintf("is go%s, but the go that runs (%s) is go%s: it would build with another version's standard library", tree, gobin, own)
					}
				}
			}
		}
		if why == "" {
			return nil
		}
		effect := "The go command fails (\"cannot find GOROOT directory\"), and gopls loads nothing."
		if strings.HasPrefix(why, "is go") {
			effect = "Builds, vet and gopls then disagree about what the standard library holds."
		}
		msg := fmt.Sprintf("GOROOT=%s (from %s) %s. %s", v.Value, v.Source.Describe(folder.Path), why, effect)
		return envFinding(snap, folder, fe, v, msg, "Remove this setting", fix.Exact)
	})
}

// goCacheDirs are GOCACHE and GOMODCACHE as the go command would use them:
// set (with their source), or its defaults under HOME (XDG_CACHE_HOME for
// the build cache, GOPATH's first entry for the module cache). Without
// HOME there is no default to check.
func goCacheDirs(snap *workspace.Snapshot, fe *folderEnv) []goenv.Value {
	var out []goenv.Value
	home := fe.gopls.Get("HOME")
	deflt := goenv.Source{Kind: "the go command's default"}
	if v, ok := fe.gopls.Lookup("GOCACHE"); ok && v.Value != "" {
		out = append(out, v)
	} else if x := fe.gopls.Get("XDG_CACHE_HOME"); x != "" && filepath.IsAbs(x) {
		out = append(out, goenv.Value{Key: "GOCACHE", Value: filepath.Join(x, "go-build"), Source: deflt})
	} else if home != "" {
		out = append(out, goenv.Value{Key: "GOCACHE", Value: filepath.Join(home, ".cache", "go-build"), Source: deflt})
	}
	if v, ok := fe.gopls.Lookup("GOMODCACHE"); ok && v.Value != "" {
		out = append(out, v)
	} else if gp := gopathEntries(snap, fe.gopls.Get("GOPATH")); len(gp) > 0 {
		out = append(out, goenv.Value{Key: "GOMODCACHE", Value: filepath.Join(gp[0], "pkg", "mod"), Source: deflt})
	} else if home != "" {
		out = append(out, goenv.Value{Key: "GOMODCACHE", Value: filepath.Join(home, "go", "pkg", "mod"), Source: deflt})
	}
	return out
}

func checkCacheUnwritable(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachFolderEnv(ctx, snap, func(folder workspace.Folder, fe *folderEnv) []Finding {
		var out []Finding
		for _, v := range goCacheDirs(snap, fe) {
			var why string
			switch {
			case v.Key == "GOCACHE" && v.Value == "off":
				why = "turns the build cache off: gopls and every go command that builds fail (\"build cache is disabled by GOCACHE=off\")"
			case !filepath.IsAbs(v.Value):
				why = "is a relative path: the go command refuses it"
			default:
				ok, blocker := snap.Writable(v.Value)
				if ok {
					continue
				}
				if snap.FileExists(blocker) {
					why = "cannot be created: " + blocker + " is a file"
				} else {
					why = "cannot be written: " + blocker + " is not writable by this user"
				}
				why += "; the go command fails (\"permission denied\" or \"not a directory\"), and gopls loads nothing"
			}
			file, rng, source, ok := envAnchor(snap, folder, v)
			if !ok {
				continue
			}
			f := Finding{
				Message: fmt.Sprintf("%s=%s (%s) %s.", v.Key, v.Value, describeCache(v, folder), why),
				File:    file, Range: rng, Source: source,
			}
			if home := fe.gopls.Get("HOME"); home != "" && v.Source.Settings() {
				want := filepath.Join(home, ".cache", "go-build")
				if v.Key == "GOMODCACHE" {
					want = filepath.Join(home, "go", "pkg", "mod")
				}
				if ok, _ := snap.Writable(want); ok {
					f.Message += " The go command's default, " + want + ", is writable."
					f.Fixes = setSetting(fe, v, want, "Set "+v.Key+" to the per-user default", fix.Likely)
				}
			}
			if f.Fixes == nil {
				f.Fixes = []fix.Fix{{Applicability: fix.Manual, Title: "Set " + v.Key + " to a directory you can write, in go.toolsEnvVars or your environment"}}
			}
			out = append(out, f)
		}
		return out
	})
}

func describeCache(v goenv.Value, folder workspace.Folder) string {
	if v.Source.Kind == "the go command's default" {
		return v.Source.Kind
	}
	return "from " + v.Source.Describe(folder.Path)
}
