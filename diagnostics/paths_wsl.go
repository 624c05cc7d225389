package diagnostics

// WSL: projects and caches on a Windows drive mount, folders opened from
// Windows through \\wsl$, a Windows go on the WSL PATH, and Windows paths
// where Linux tools read them.

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

func checkWSLWindowsMount(ctx context.Context, snap *workspace.Snapshot) []Finding {
	host := snap.Host()
	if !host.IsWSL() {
		return nil
	}
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		if m, drive, ok := host.DriveMountOf(folder.Path); ok {
			if a, ok := folderAnchor(snap, folder); ok {
				out = append(out, Finding{
					Message: fmt.Sprintf("Workspace folder %s is on the Windows drive %s:, mounted at %s (%s) inside WSL: every file "+
						"access crosses to Windows, so loading is slow, file watching is unreliable (changes go unseen) and "+
						"permissions can fail. Keep Go projects on the Linux file system, e.g. under %s.",
						folder.Name, drive, m.MountPoint, m.FSType, host.Home),
					File: a.file, Range: a.rng, Source: a.source,
					Fixes: []fix.Fix{{Applicability: fix.Manual,
						Title: fmt.Sprintf("Move the project to the Linux file system (e.g. %s/src) and open it from there", host.Home)}},
				})
			}
		}
		for _, c := range goCaches(snap, folder) {
			m, drive, ok := host.DriveMountOf(c.value)
			if !ok {
				continue
			}
			f := Finding{
				Message: fmt.Sprintf("%s is %s, on the Windows drive %s: (mounted at %s) inside WSL (%s): the go command and "+
					"gopls read and write it constantly, slowly and with permission errors. Use a path on the Linux file system.",
					c.key, c.value, drive, m.MountPoint, c.source),
			}
			linuxPath := c.linuxDefault(snap)
			if c.setting != nil {
				f.File, f.Range, f.Source = c.setting.settings.Path, c.setting.rng(), "settings"
				if out2, err := c.setting.settings.Doc.ReplaceValue(c.setting.ptr, linuxPath); err == nil {
					f.Fixes = []fix.Fix{{Title: fmt.Sprintf("Set %s to %s", c.key, linuxPath), Applicability: fix.Likely,
						Changes: []fix.FileChange{fix.Replace(c.setting.settings.Path, c.setting.settings.Doc.Content, out2)}}}
				}
			} else if a, ok := folderAnchor(snap, folder); ok {
				f.File, f.Range, f.Source = a.file, a.rng, a.source
				f.Fixes = []fix.Fix{{Applicability: fix.Manual,
					Title: fmt.Sprintf("Set %s to a Linux path, e.g. \"%s\": \"%s\" in go.toolsEnvVars, or unset it", c.key, c.key, linuxPath)}}
			} else {
				continue
			}
			out = append(out, f)
		}
	}
	return out
}

// goCache is the effective value of one of the go command's directories.
type goCache struct {
	key, value, source string
	setting            *envSetting
}

// linuxDefault is where the go command would put the directory on the Linux
// side: its own default under HOME.
func (c goCache) linuxDefault(snap *workspace.Snapshot) string {
	home := snap.Host().Home
	switch c.key {
	case "GOMODCACHE":
		return home + "/go/pkg/mod"
	case "GOCACHE":
		return home + "/.cache/go-build"
	}
	return home + "/go"
}

// goCaches lists GOPATH (its first entry), GOMODCACHE and GOCACHE as gopls
// would get them, with where each came from.
func goCaches(snap *workspace.Snapshot, folder workspace.Folder) []goCache {
	var out []goCache
	for _, key := range []string{"GOPATH", "GOMODCACHE", "GOCACHE"} {
		v, setting := effectiveEnv(snap, folder, key)
		if key == "GOPATH" {
			v, _, _ = strings.Cut(v, ":")
		}
		if v == "" || v == "off" {
			continue
		}
		c := goCache{key: key, value: v, source: "from the environment", setting: setting}
		if setting != nil {
			c.source = "from " + setting.setting + " in " + display(folder.Path, setting.settings.Path)
		}
		out = append(out, c)
	}
	return out
}

func checkWSLUNCFolder(ctx context.Context, snap *workspace.Snapshot) []Finding {
	if snap.Host().OS != "windows" {
		return nil // only a Windows-side editor reaches a distro through \\wsl$
	}
	var out []Finding
	for _, folder := range snap.Folders() {
		raw := folder.Path
		if folder.Entry != nil {
			raw = folder.Entry.Raw
		}
		distro, linuxPath, ok := hostfs.UNCDistro(raw)
		if !ok {
			distro, linuxPath, ok = hostfs.UNCDistro(folder.Path)
		}
		if !ok {
			continue
		}
		a, ok := folderAnchor(snap, folder)
		if !ok {
			continue
		}
		cmd := fmt.Sprintf("code --remote wsl+%s %s", distro, linuxPath)
		out = append(out, Finding{
			Message: fmt.Sprintf("Workspace folder %s is the WSL distro %s's %s, opened from Windows through %s: gopls then runs "+
				"on Windows against a network path, mangles the \\\\wsl$ URI and loads nothing (\"invalid workspace "+
				"configuration\"), and the Windows go command builds Linux files. Open it in WSL instead: %s",
				folder.Name, distro, linuxPath, raw, cmd),
			File: a.file, Range: a.rng, Source: a.source,
			Fixes: []fix.Fix{{Applicability: fix.Manual, Title: "Reopen in WSL: " + cmd}},
		})
	}
	return out
}

func checkWSLWindowsGo(ctx context.Context, snap *workspace.Snapshot) []Finding {
	host := snap.Host()
	if !host.IsWSL() {
		return nil
	}
	gobin := snap.GoCommand()
	if gobin == "" {
		return nil // no go at all is go-not-found's
	}
	m, drive, onDrive := host.DriveMountOf(gobin)
	if !onDrive && !strings.HasSuffix(strings.ToLower(gobin), ".exe") {
		return nil
	}
	var out []Finding
	for _, folder := range snap.Folders() {
		a, ok := folderAnchor(snap, folder)
		if !ok {
			continue
		}
		where := "on the PATH"
		if onDrive {
			where = fmt.Sprintf("on the Windows drive %s: (%s), through the Windows PATH WSL appends", drive, m.MountPoint)
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("The go command that gopls would run here is %s, a Windows executable %s: inside WSL it builds "+
				"for Windows, sees Windows paths and its own GOROOT, and gopls's results make no sense. Install Go for Linux "+
				"in the distro and put it first on PATH.", gobin, where),
			File: a.file, Range: a.rng, Source: a.source,
			Fixes: []fix.Fix{{Applicability: fix.Manual,
				Title: "Install Go for Linux in WSL; to keep Windows programs off the WSL PATH set [interop] appendWindowsPath=false in /etc/wsl.conf"}},
		})
	}
	return out
}

func checkWindowsPathOnLinux(ctx context.Context, snap *workspace.Snapshot) []Finding {
	host := snap.Host()
	if host.OS == "windows" {
		return nil
	}
	var out []Finding
	seen := map[string]bool{}
	for _, folder := range snap.Folders() {
		for _, e := range folderEnvSettings(snap, folder) {
			if ctx.Err() != nil {
				return nil
			}
			if seen[e.settings.Path+e.ptr] || !hostfs.IsWindowsPath(e.value) {
				continue
			}
			seen[e.settings.Path+e.ptr] = true
			f := Finding{
				Message: fmt.Sprintf("%s is the Windows path %s, but the go command and gopls run on %s here and read it as a "+
					"relative file name: the setting does nothing useful, or worse.", e.label(folder.Path), e.value, hostName(host)),
				File: e.settings.Path, Range: e.rng(), Source: "settings",
			}
			if p, ok := host.ToWSL(e.value); ok && (snap.DirExists(p) || snap.FileExists(p)) {
				if content, err := e.settings.Doc.ReplaceValue(e.ptr, p); err == nil {
					f.Message += " Its Linux path is " + p + "."
					f.Fixes = []fix.Fix{{Title: "Use the Linux path", Applicability: fix.Exact,
						Changes: []fix.FileChange{fix.Replace(e.settings.Path, e.settings.Doc.Content, content)}}}
				}
			}
			out = append(out, f)
		}
	}
	idx := indexOf(ctx, snap)
	if idx == nil {
		return out
	}
	for _, p := range idx.workPaths {
		w := idx.works[p]
		if !w.parsed() {
			continue
		}
		for _, u := range w.File.File.Use {
			if !hostfs.IsWindowsPath(u.Path) {
				continue
			}
			f := Finding{
				Message: fmt.Sprintf("go.work uses the Windows path %s, which the go command on %s cannot open.", u.Path, hostName(host)),
				File:    w.Path, Range: lineRange(w.File.Content, u.Syntax), Source: "go.work",
			}
			if target, ok := host.ToWSL(u.Path); ok && snap.FileExists(filepath.Join(target, "go.mod")) {
				if change, err := editWork(w.Path, w.File.Content, func(wf *modfile.WorkFile) error { return retargetUse(wf, u.Path, useDirPath(w.File.Dir(), target)) }); err == nil {
					f.Fixes = []fix.Fix{{Title: "Use " + useDirPath(w.File.Dir(), target), Applicability: fix.Exact, Changes: []fix.FileChange{change}}}
				}
			}
			out = append(out, f)
		}
	}
	for _, s := range localReplaces(idx) {
		if !hostfs.IsWindowsPath(s.Rep.New.Path) {
			continue
		}
		f := Finding{
			Message: fmt.Sprintf("%s points at the Windows path %s, which the go command on %s cannot open.", s.label(), s.Rep.New.Path, hostName(host)),
			File:    s.File, Range: lineRange(s.Content, s.Rep.Syntax), Source: s.source(),
		}
		if target, ok := host.ToWSL(s.Rep.New.Path); ok && snap.FileExists(filepath.Join(target, "go.mod")) {
			if change, rel, err := s.retarget(target); err == nil {
				f.Fixes = []fix.Fix{{Title: "Point the replace at " + rel, Applicability: fix.Exact, Changes: []fix.FileChange{change}}}
			}
		}
		out = append(out, f)
	}
	return out
}

func hostName(h hostfs.Host) string {
	if h.IsWSL() {
		return "Linux (WSL " + h.WSLDistro + ")"
	}
	if h.OS == "darwin" {
		return "macOS"
	}
	return "Linux"
}

// retargetUse points go.work's use of old at dir, in place.
func retargetUse(wf *modfile.WorkFile, old, dir string) error {
	for _, u := range wf.Use {
		if u.Path == old {
			u.Path = dir
			return setLineTarget(u.Syntax, dir)
		}
	}
	return fmt.Errorf("use %s vanished", old)
}
