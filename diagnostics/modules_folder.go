// Folder checks: a workspace folder below its module's root, and Go files
// with no module at all.
package diagnostics

import (
	"context"
	"fmt"
	"go/scanner"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/mod/module"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func checkFolderInsideModule(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	folders := snap.Folders()
	for _, folder := range folders {
		if ctx.Err() != nil {
			return nil
		}
		// A folder that could not be walked (missing, unreadable) is
		// another check's business.
		if snap.Layout(folder.Path) == nil || snap.FileExists(filepath.Join(folder.Path, "go.mod")) {
			continue
		}
		// A go.work at the folder's root makes the folder a workspace of
		// its own: gopls roots its view there, whatever module is above.
		if st := snap.GoWork(folder.Path); st.Path != "" && hostfs.Within(folder.Path, filepath.Dir(st.Path)) {
			continue
		}
		parent := filepath.Dir(folder.Path)
		if parent == folder.Path {
			continue
		}
		gomod := snap.NearestModFile(parent)
		if gomod == "" {
			continue
		}
		root := filepath.Dir(gomod)
		// When the module root is open too (as this or another folder),
		// nothing of the module is out of sight.
		opened := false
		for _, other := range folders {
			if hostfs.Within(other.Path, root) {
				opened = true
				break
			}
		}
		mf := snap.ModFile(gomod)
		if opened || mf == nil || mf.File == nil {
			continue
		}
		name := modulePath(mf)
		if name == "" {
			name = display(folder.Path, root)
		}
		msg := fmt.Sprintf("Workspace folder %s is inside module %s, whose go.mod is at %s: gopls copes, "+
			"but the rest of the module is outside the explorer, search and file watching, "+
			"and terminals, tasks and test runners start in this subdirectory.",
			folder.Name, name, display(folder.Path, gomod))
		if f, ok := entryFinding(snap, folder, root, msg); ok {
			out = append(out, f)
			continue
		}
		out = append(out, Finding{
			Message: msg,
			File:    gomod,
			Range:   moduleLineRange(mf),
			Source:  "go.mod",
			Fixes: []fix.Fix{{
				Title:         "Open the module root instead",
				Applicability: fix.Likely,
				Command:       &fix.Command{Title: "Open the module root instead", Command: "gomend.openFolder", Arguments: []any{root}},
			}},
		})
	}
	return out
}

// entryFinding anchors on the folder's .code-workspace entry, with the fix
// that points the entry at the module root in the entry's own path style.
func entryFinding(snap *workspace.Snapshot, folder workspace.Folder, root, msg string) (Finding, bool) {
	cw := snap.CodeWorkspace()
	e := folder.Entry
	if cw == nil || cw.Doc == nil || e == nil || e.ValueEnd <= e.ValueStart || e.ValueEnd > len(cw.Doc.Content) {
		return Finding{}, false
	}
	content := cw.Doc.Content
	f := Finding{
		Message: msg,
		File:    cw.Path,
		Range:   textpos.NewMapper(content).Range(e.ValueStart, e.ValueEnd),
		Source:  ".code-workspace",
	}
	value := entryValue(cw.Path, e.Raw, root)
	if out, err := cw.Doc.ReplaceValue("/folders/"+strconv.Itoa(e.Index)+"/path", value); err == nil {
		f.Fixes = []fix.Fix{{
			Title:         "Point this folder entry at the module root",
			Applicability: fix.Exact,
			Changes:       []fix.FileChange{fix.Replace(cw.Path, content, out)},
		}}
	}
	return f, true
}

// entryValue is what a .code-workspace folder entry written as raw should
// say to name dir: relative to the .code-workspace when raw is (VS Code
// joins it lexically, so the result names dir even through links), and
// with raw's separators.
func entryValue(codeWorkspace, raw, dir string) string {
	value := dir
	if !filepath.IsAbs(filepath.FromSlash(raw)) && !isWindowsAbs(raw) {
		if rel, err := filepath.Rel(filepath.Dir(codeWorkspace), dir); err == nil {
			value = filepath.ToSlash(rel)
		}
	}
	if strings.Contains(raw, `\`) && !strings.Contains(raw, "/") {
		value = strings.ReplaceAll(value, "/", `\`)
	}
	return value
}

func checkNoModule(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		l := snap.Layout(folder.Path)
		if l == nil || l.FirstGoFile == "" {
			continue
		}
		// The first Go file decides: if it belongs to a module (at or above
		// the folder, or nested below it), this is not a module-less folder.
		if snap.NearestModFile(filepath.Dir(l.FirstGoFile)) != "" {
			continue
		}
		if st := snap.GoWork(folder.Path); st.Path != "" {
			continue
		}
		gopathMode, why := gopathMode(snap, folder.Path)
		if gopathMode {
			continue
		}
		src, err := snap.ReadFile(l.FirstGoFile)
		if err != nil {
			continue
		}
		rng := textpos.NewMapper(src).LineRange(0)
		if start, end, ok := packageClause(src); ok {
			rng = textpos.NewMapper(src).Range(start, end)
		}
		f := Finding{
			Message: fmt.Sprintf("This folder has Go files but no go.mod or go.work at or above it, and %s: "+
				"gopls loads each directory as a separate package outside any module, so imports between its directories and of dependencies do not resolve.", why),
			File:   l.FirstGoFile,
			Range:  rng,
			Source: "go",
		}
		modPath := gitModulePath(snap, folder.Path)
		if modPath == "" {
			modPath = folderModulePath(folder.Path)
		}
		if content, err := newModFile(modPath, localLangVersion(snap)); err == nil {
			f.Fixes = []fix.Fix{{
				Title:         "Create go.mod for module " + modPath,
				Applicability: fix.Likely,
				Changes:       []fix.FileChange{fix.Create(filepath.Join(folder.Path, "go.mod"), content)},
			}}
		}
		out = append(out, f)
	}
	return out
}

// gopathMode reports whether a folder is a GOPATH-mode project: inside
// GOPATH/src for some GOPATH entry (default $HOME/go) with GO111MODULE not
// "on". why explains the verdict for the message, naming the sources.
func gopathMode(snap *workspace.Snapshot, folder string) (bool, string) {
	gopath, set := snap.LookupEnv("GOPATH")
	source := "GOPATH=" + gopath + " (from the environment)"
	entries := filepath.SplitList(gopath)
	if !set || gopath == "" {
		home := snap.Getenv("HOME")
		if runtime.GOOS == "windows" {
			home = snap.Getenv("USERPROFILE")
		}
		entries = nil
		source = "GOPATH is not set and HOME is unknown"
		if home != "" {
			def := filepath.Join(home, "go")
			entries = []string{def}
			source = "GOPATH is not set, so it defaults to " + def
		}
	}
	for _, e := range entries {
		if e == "" || !filepath.IsAbs(e) || !hostfs.Within(filepath.Join(e, "src"), folder) {
			continue
		}
		if snap.Getenv("GO111MODULE") == "on" {
			return false, "GO111MODULE=on (from the environment) rules out GOPATH mode"
		}
		return true, ""
	}
	return false, "it is not inside GOPATH/src (" + source + ")"
}

// packageClause finds the byte span of the package clause ("package x")
// with the Go scanner, so comments and build tags before it are skipped.
func packageClause(src []byte) (start, end int, ok bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	pos, tok, _ := s.Scan()
	if tok != token.PACKAGE {
		return 0, 0, false
	}
	start = file.Offset(pos)
	end = start + len("package")
	if pos, tok, lit := s.Scan(); tok == token.IDENT {
		end = file.Offset(pos) + len(lit)
	}
	return start, end, true
}

// gitModulePath derives a module path for a new go.mod in folder from the
// git remote "origin" of the repository holding it, plus the folder's path
// inside the repository; "" when there is none.
func gitModulePath(snap *workspace.Snapshot, folder string) string {
	for d := folder; ; {
		if remote, found := gitOrigin(snap, d); found {
			mp := modules.ModulePathFromRemote(remote)
			if mp == "" {
				return ""
			}
			if rel, err := filepath.Rel(d, folder); err == nil && rel != "." {
				mp += "/" + filepath.ToSlash(rel)
			}
			if module.CheckImportPath(mp) != nil {
				return ""
			}
			return mp
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// gitOrigin reads the origin URL of a repository rooted at dir; found
// reports whether dir is a repository root at all (.git directory or file).
func gitOrigin(snap *workspace.Snapshot, dir string) (url string, found bool) {
	dotgit := filepath.Join(dir, ".git")
	if data, err := snap.ReadFile(filepath.Join(dotgit, "config")); err == nil {
		return modules.GitConfigRemoteURL(data, "origin"), true
	}
	if snap.DirExists(dotgit) {
		return "", true
	}
	if !snap.FileExists(dotgit) {
		return "", false
	}
	// A .git file: a worktree or submodule, whose config lives in the git
	// directory it names, or in that directory's commondir.
	data, err := snap.ReadFile(dotgit)
	gitdir := modules.GitDirFile(data)
	if err != nil || gitdir == "" {
		return "", true
	}
	if !filepath.IsAbs(gitdir) {
		gitdir = filepath.Join(dir, gitdir)
	}
	if cfg, err := snap.ReadFile(filepath.Join(gitdir, "config")); err == nil {
		if u := modules.GitConfigRemoteURL(cfg, "origin"); u != "" {
			return u, true
		}
	}
	if common, err := snap.ReadFile(filepath.Join(gitdir, "commondir")); err == nil {
		c := strings.TrimSpace(string(common))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitdir, c)
		}
		if cfg, err := snap.ReadFile(filepath.Join(c, "config")); err == nil {
			return modules.GitConfigRemoteURL(cfg, "origin"), true
		}
	}
	return "", true
}

// folderModulePath makes a module path of the folder's name, as `go mod
// init` would want one: characters an import path cannot hold become "-".
func folderModulePath(folder string) string {
	name := filepath.Base(folder)
	if module.CheckImportPath(name) == nil {
		return name
	}
	var sb strings.Builder
	for _, r := range name {
		if r < 0x80 && (r == '-' || r == '.' || r == '_' || r == '~' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('-')
		}
	}
	if s := strings.Trim(sb.String(), "-._~"); s != "" && module.CheckImportPath(s) == nil {
		return s
	}
	return "example.com/m"
}
