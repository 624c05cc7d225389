package diagnostics

// The facts behind the §D checks, for people: the environment gopls would
// see in each folder (every Go variable, its value and where it comes
// from), the go that would run and the gopls that would start. The status
// bar tooltip and gomend.report show them.

import (
	"context"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gomend/gomend/internal/workspace"
)

// FolderEnvironment is what gopls would get in one folder.
type FolderEnvironment struct {
	Folder string      `json:"folder"`
	Go     ToolInfo    `json:"go"`
	Gopls  *GoplsInfo  `json:"gopls"`
	Vars   []GoVarInfo `json:"vars"`
}

// ToolInfo is a program found, and its version ("" when unknown).
type ToolInfo struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

// GoplsInfo is the gopls that would start.
type GoplsInfo struct {
	Path      string `json:"path"`
	Version   string `json:"version"`
	GoVersion string `json:"goVersion"` // the Go that built it
}

// GoVarInfo is one variable in effect, with its source.
type GoVarInfo struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// goDefaults are the variables shown even when no source sets them: the
// go command's own value (from go env -json) is shown then.
var goDefaults = []string{"GOROOT", "GOPATH", "GOMODCACHE", "GOCACHE", "GOFLAGS", "GO111MODULE", "GOWORK", "GOPROXY", "GOTOOLCHAIN", "GOENV"}

// Environment describes every folder's environment. With askGo (and a
// snapshot that permits it) the go command's own defaults are added from
// go env -json, which the go-command checks have usually run already.
func Environment(ctx context.Context, snap *workspace.Snapshot, askGo bool) []FolderEnvironment {
	var out []FolderEnvironment
	for _, folder := range snap.Folders() {
		fe := envOf(snap, folder)
		env := fe.gopls.Map()
		fenv := FolderEnvironment{Folder: folder.Path, Vars: []GoVarInfo{}}
		if gobin := snap.GoCommandIn(env); gobin != "" {
			fenv.Go.Path = gobin
			real, _, err := snap.Links(gobin)
			if err != nil || real == "" {
				real = gobin
			}
			fenv.Go.Version = snap.ToolchainVersion(filepath.Dir(filepath.Dir(real)))
		}
		if bin, _ := findGopls(snap, folder, fe); bin != "" {
			g := &GoplsInfo{Path: bin}
			if bi, err := snap.BinaryInfo(bin); err == nil {
				g.Version, g.GoVersion = bi.Version, bi.GoVersion
			}
			fenv.Gopls = g
		}
		shown := map[string]bool{}
		for _, k := range fe.gopls.Keys() {
			if !isGoVar(k) {
				continue
			}
			v, _ := fe.gopls.Lookup(k)
			fenv.Vars = append(fenv.Vars, GoVarInfo{Name: k, Value: v.Value, Source: v.Source.Describe(folder.Path)})
			shown[k] = true
		}
		if roots := moduleRoots(snap, folder); len(roots) > 0 && askGo && snap.Exec() {
			// Where the go-command checks ran it (remembered): no second run.
			if vars, err := snap.GoEnvJSON(ctx, loadDir(snap, fe, roots[0]), env); err == nil {
				for _, k := range goDefaults {
					// gomend runs go offline and without toolchain switches:
					// its GOPROXY and GOTOOLCHAIN are not the user's.
					if shown[k] || k == "GOPROXY" || k == "GOTOOLCHAIN" || vars[k] == "" {
						continue
					}
					fenv.Vars = append(fenv.Vars, GoVarInfo{Name: k, Value: vars[k], Source: "go default"})
				}
			}
		}
		sort.Slice(fenv.Vars, func(i, j int) bool { return fenv.Vars[i].Name < fenv.Vars[j].Name })
		out = append(out, fenv)
	}
	return out
}

// isGoVar reports a variable that changes what the go command does.
func isGoVar(k string) bool {
	return strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "CGO_") || k == "PATH" || k == "GCCGO" || k == "CC" || k == "CXX"
}
