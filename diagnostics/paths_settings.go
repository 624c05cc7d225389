// VS Code configuration checks (CHECKS.md §B): a .code-workspace folder
// entry that points nowhere, settings files that are not valid JSONC, and
// Go extension settings that turn gopls off or belong to GOPATH mode.
//
// Settings are read as VS Code writes them, flat ("go.useLanguageServer":
// false), from each folder's .vscode/settings.json and from the
// .code-workspace's "settings" object; anchors and fixes are on the
// property itself (its name through its value).
package diagnostics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/jsonc"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/vscode"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "code-workspace-folder-missing", Family: "paths", Severity: Error,
			Title: "A .code-workspace folder entry names a folder that does not exist",
			Run:   deduped(checkCodeWorkspaceFolderMissing)},
		&Rule{ID: "settings-syntax", Family: "paths", Severity: Error,
			Title: ".vscode/settings.json or the .code-workspace is not valid JSONC",
			Run:   deduped(checkSettingsSyntax)},
		&Rule{ID: "setting-gopls-disabled", Family: "paths", Severity: Warning,
			Title: "go.useLanguageServer is false: gopls does not run",
			Run:   deduped(checkSettingGoplsDisabled)},
		&Rule{ID: "setting-gopath-ignored", Family: "paths", Severity: Info,
			Title: "A GOPATH setting is set while the workspace is in module mode",
			Run:   deduped(checkSettingGopathIgnored)},
	)
}

func checkCodeWorkspaceFolderMissing(ctx context.Context, snap *workspace.Snapshot) []Finding {
	cw := snap.CodeWorkspace()
	if cw == nil || cw.Doc == nil {
		return nil
	}
	content := cw.Doc.Content
	m := textpos.NewMapper(content)
	var out []Finding
	for _, e := range cw.Folders {
		if ctx.Err() != nil {
			return nil
		}
		if folderEntryExists(snap, e.Path) || e.ValueEnd <= e.ValueStart || e.ValueEnd > len(content) {
			continue
		}
		// On a described Windows host, a Windows path that this machine's
		// file system cannot spell (a --host file read on Linux) cannot be
		// looked up here; wsl-unc-folder speaks of a \\wsl$ one.
		if snap.Host().OS == "windows" && hostfs.IsWindowsPath(e.Raw) && !filepath.IsAbs(e.Raw) {
			continue
		}
		what := "does not exist"
		_, links, lerr := snap.Links(e.Path)
		switch {
		case snap.FileExists(e.Path):
			what = "is a file, not a folder"
		case errors.Is(lerr, hostfs.ErrLinkLoop):
			what = "is a symlink loop"
		case lerr != nil && len(links) > 0:
			l := links[len(links)-1]
			what = fmt.Sprintf("does not exist (the symlink %s points to %s, which is not there)", l.Path, l.Target)
		}
		where := ""
		if e.Path != filepath.Clean(filepath.FromSlash(e.Raw)) {
			where = " (" + e.Path + ")"
		}
		f := Finding{
			Message: fmt.Sprintf("This folder entry names %q%s, which %s: the workspace lists a folder with nothing in it "+
				"for VS Code to show or for gopls and the go command to load.", e.Raw, where, what),
			File:   cw.Path,
			Range:  m.Range(e.ValueStart, e.ValueEnd),
			Source: ".code-workspace",
		}
		if edited, err := cw.Doc.RemoveElement("/folders", e.Index); err == nil {
			f.Fixes = []fix.Fix{{
				Title:         "Remove this folder entry",
				Applicability: fix.Likely,
				Changes:       []fix.FileChange{fix.Replace(cw.Path, content, edited)},
			}}
		}
		out = append(out, f)
	}
	return out
}

// folderEntryExists reports whether a folder entry's path is a directory
// on the host: on a case-insensitive one (macOS, Windows, or a --host
// description of one), also when only its letter case differs from the
// disk's, which is path-case-mismatch's business, not a missing folder.
func folderEntryExists(snap *workspace.Snapshot, path string) bool {
	if snap.DirExists(path) {
		return true
	}
	if !snap.Host().CaseInsensitive {
		return false
	}
	disk, err := snap.OnDiskCase(path)
	return err == nil && disk != path && snap.DirExists(disk)
}

func checkSettingsSyntax(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	report := func(path, what string, err *jsonc.SyntaxError) {
		content, rerr := snap.ReadFile(path)
		if rerr != nil || jsonc.Blank(content) {
			// VS Code reads an empty settings file, or one of comments
			// only, as no settings.
			return
		}
		if rest, ok := bytes.CutPrefix(content, []byte("\xEF\xBB\xBF")); ok {
			if _, perr := jsonc.Parse(rest); perr == nil {
				return // VS Code drops a UTF-8 byte order mark
			}
		}
		if err.Offset > len(content) {
			return // the file changed under the snapshot; nothing to point at
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("%s is not valid JSON with comments: %s. VS Code reads only what it can make sense of, "+
				"so settings in this file may silently not apply, and gomend cannot check them until it is fixed.",
				what, settingsErrorText(err.Msg)),
			File:   path,
			Range:  settingsErrorRange(content, err.Offset),
			Source: filepath.Base(path),
		})
	}
	if cw := snap.CodeWorkspace(); cw != nil && cw.Err != nil {
		report(cw.Path, "This .code-workspace file", cw.Err)
	}
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		if st := snap.Settings(folder.Path); st.Err != nil && st.Path != "" {
			report(st.Path, "This folder's .vscode/settings.json", st.Err)
		}
	}
	return out
}

// settingsErrorText words the parser's message for people.
func settingsErrorText(msg string) string {
	if msg == "parsing value: unexpected EOF" || msg == "unexpected EOF" {
		return "the file ends before the JSON is complete"
	}
	if rest, ok := strings.CutSuffix(msg, ": unexpected EOF"); ok {
		return rest + ": the file ends before the JSON is complete"
	}
	return msg
}

// settingsErrorRange runs from the error's offset to the end of its line,
// as gomod-syntax's anchors do; a file that ends early gets an empty range
// right after its last token.
func settingsErrorRange(content []byte, offset int) textpos.Range {
	if offset == len(content) {
		// The file ends early: point at the end of its last token, not
		// at an empty line after it.
		for offset > 0 && strings.IndexByte(" \t\r\n", content[offset-1]) >= 0 {
			offset--
		}
	}
	m := textpos.NewMapper(content)
	start := m.Position(offset)
	end := m.LineRange(start.Line).End
	if end.Less(start) {
		end = start
	}
	return textpos.Range{Start: start, End: end}
}

// settingsDoc is one place settings are written: a folder's
// .vscode/settings.json, or the .code-workspace's "settings" object.
type settingsDoc struct {
	st *vscode.Settings
	// folder is the folder whose settings.json this is; nil for the
	// .code-workspace, whose settings apply to every folder.
	folder *workspace.Folder
}

func (d settingsDoc) where() string {
	if d.folder == nil {
		return "the .code-workspace settings"
	}
	return "this folder's .vscode/settings.json"
}

func (d settingsDoc) source() string {
	if d.folder == nil {
		return ".code-workspace"
	}
	return "settings.json"
}

// settingsDocs lists the settings documents that parsed: the
// .code-workspace's first, then each folder's (each file once).
func settingsDocs(snap *workspace.Snapshot) []settingsDoc {
	var out []settingsDoc
	if cw := snap.CodeWorkspace(); cw != nil && cw.Doc != nil && cw.Settings != nil {
		out = append(out, settingsDoc{st: cw.Settings})
	}
	seen := map[string]bool{}
	folders := snap.Folders()
	for i := range folders {
		st := snap.Settings(folders[i].Path)
		if st.Doc == nil || st.Path == "" || seen[st.Path] {
			continue
		}
		seen[st.Path] = true
		out = append(out, settingsDoc{st: st, folder: &folders[i]})
	}
	return out
}

// settingFinding anchors msg on the setting name in d (its name through its
// value) with the exact fix that removes it.
func settingFinding(d settingsDoc, name, msg string) Finding {
	st := d.st
	content := st.Doc.Content
	m := textpos.NewMapper(content)
	f := Finding{Message: msg, File: st.Path, Source: d.source()}
	if start, _, end, ok := st.Doc.KeySpan(st.Ptr, name); ok {
		f.Range = m.Range(start, end)
	} else if v := st.Doc.Find(st.Ptr); v != nil {
		f.Range = m.Range(v.Start, min(v.Start+1, v.End)) // the settings object's brace
	}
	if out, err := st.Doc.RemoveProperty(st.Ptr, name); err == nil {
		f.Fixes = []fix.Fix{{
			Title:         "Remove this setting",
			Applicability: fix.Exact,
			Changes:       []fix.FileChange{fix.Replace(st.Path, content, out)},
		}}
	}
	return f
}

func checkSettingGoplsDisabled(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, d := range settingsDocs(snap) {
		if ctx.Err() != nil {
			return nil
		}
		if v, ok := d.st.Get("go.useLanguageServer"); !ok || v != false {
			continue
		}
		whom := "this folder"
		if d.folder == nil {
			whom = "the folders of this workspace"
		}
		out = append(out, settingFinding(d, "go.useLanguageServer",
			fmt.Sprintf("go.useLanguageServer is false in %s, so the Go extension does not start gopls for %s: "+
				"diagnostics as you type, completion, go to definition, references, rename and code actions from gopls are all off.",
				d.where(), whom)))
	}
	return out
}

// gopathSettings are the Go extension's GOPATH-mode settings, in the order
// they are checked, with what each still does once modules are in use.
var gopathSettings = []struct{ name, why string }{
	{"go.gopath", "GOPATH no longer says where code is found, only where the module cache and installed programs go, " +
		"and this setting gives the editor's Go tools another GOPATH than the go command run outside the editor."},
	{"go.inferGopath", "inferring a GOPATH from the folder's path is a GOPATH-mode feature, of no use with modules, " +
		"and an inferred GOPATH can confuse the go command and gopls."},
	{"go.toolsGopath", "it is a GOPATH-mode setting: the Go extension installs its tools there, " +
		"apart from the GOPATH the go command uses."},
}

func checkSettingGopathIgnored(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, d := range settingsDocs(snap) {
		if ctx.Err() != nil {
			return nil
		}
		var mode string
		if d.folder != nil {
			on, why := folderModuleMode(snap, d.folder.Path)
			if !on {
				continue
			}
			mode = "this folder is in module mode (" + why + ")"
		} else {
			on, why := workspaceModuleMode(snap)
			if !on {
				continue
			}
			mode = "every folder of this workspace is in module mode (" + why + ")"
		}
		for _, s := range gopathSettings {
			v, ok := d.st.Get(s.name)
			if !ok || v == nil || v == false || v == "" {
				continue // unset in effect: nothing to remove
			}
			out = append(out, settingFinding(d, s.name,
				fmt.Sprintf("%s is set in %s, but %s: %s", s.name, d.where(), mode, s.why)))
		}
	}
	return out
}

// folderModuleMode reports whether the go command runs in module mode for
// folder: a go.mod at or above it, a go.work applying to it, or go.mod
// files below it, with GO111MODULE not "off". why names the evidence and
// where GO111MODULE came from.
func folderModuleMode(snap *workspace.Snapshot, folder string) (bool, string) {
	env, off := go111module(snap)
	if off {
		return false, ""
	}
	var evidence string
	if p := snap.NearestModFile(folder); p == filepath.Join(folder, "go.mod") {
		evidence = "it has a go.mod"
	} else if p != "" {
		evidence = display(folder, p) + " applies to it"
	} else if st := snap.GoWork(folder); st.Path != "" && st.FromEnv {
		evidence = "the environment sets GOWORK=" + st.Path
	} else if st.Path == filepath.Join(folder, "go.work") {
		evidence = "it has a go.work"
	} else if st.Path != "" {
		evidence = display(folder, st.Path) + " applies to it"
	} else if l := snap.Layout(folder); l != nil && len(l.ModFiles) > 0 {
		evidence = display(folder, l.ModFiles[0]) + " is below it"
		if n := len(l.ModFiles); n > 1 {
			evidence = display(folder, l.ModFiles[0]) + " and " + strconv.Itoa(n-1) + " more go.mod files are below it"
		}
	} else {
		return false, ""
	}
	return true, evidence + "; " + env
}

// workspaceModuleMode: every folder (at least one) is in module mode, so a
// GOPATH setting in the .code-workspace helps none of them.
func workspaceModuleMode(snap *workspace.Snapshot) (bool, string) {
	env, off := go111module(snap)
	folders := snap.Folders()
	if off || len(folders) == 0 {
		return false, ""
	}
	for _, f := range folders {
		if on, _ := folderModuleMode(snap, f.Path); !on {
			return false, ""
		}
	}
	return true, "each has a go.mod or go.work; " + env
}

// go111module describes GO111MODULE as gopls would see it, for messages,
// and reports whether it turns module mode off.
func go111module(snap *workspace.Snapshot) (desc string, off bool) {
	v, set := snap.LookupEnv("GO111MODULE")
	if !set || v == "" {
		return "GO111MODULE is not set in the environment", false
	}
	return "the environment sets GO111MODULE=" + v, v == "off"
}
