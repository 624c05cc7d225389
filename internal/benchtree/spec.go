// Package benchtree generates deterministic synthetic Go workspaces for
// benchmarks: a go.work over many modules of small, buildable packages, with
// the noise real repositories carry (vendor/, testdata/, node_modules/, .git/,
// symlinks, non-ASCII names), one forgotten module and one type error, so
// gomend, find and gopls can be timed on the same tree.
package benchtree

import (
	"errors"
	"fmt"
)

// Spec describes a tree. The same Spec always yields a byte-identical tree.
type Spec struct {
	Name              string // preset name or "custom"; part of the cache directory name
	Seed              int64  // same Spec => byte-identical tree
	Modules           int    // modules listed in go.work
	PackagesPerModule int
	FilesPerPackage   int  // .go files per package
	Depth             int  // package directories sit this many directories below the module root
	GoWork            bool // write go.work at the root using every module (not the Forgotten one)
	Forgotten         bool // add one small module that go.work does not use
	TypeError         bool // one .go file of the first module holds one deliberate type error
	Vendor            bool // vendor/ noise in some modules
	TestData          bool // testdata/ noise in some packages, some holding a go.mod
	NodeModules       bool // node_modules/ noise in some modules
	Git               bool // a .git/ directory at the root with many object files
	Symlinks          bool // a few relative directory symlinks inside the tree, never a loop
	NonASCII          bool // some module directories, docs directories and file names are non-ASCII
}

// Stats counts what a generated tree holds on disk, excluding the root itself
// and Ensure's stamp file.
type Stats struct {
	Files    int   // regular files of any kind
	Dirs     int   // directories below the root
	Symlinks int   // symbolic links
	GoFiles  int   // regular files named *.go anywhere, noise included (what find -name '*.go' reports)
	Modules  int   // go.mod files of real modules: those outside testdata/
	Bytes    int64 // total size of the regular files
}

// Upper bounds keep a typo from filling the disk.
const (
	maxModules  = 2000
	maxPackages = 1000
	maxFiles    = 500
	maxDepth    = 8
	maxGoFiles  = 2_000_000
)

var presets = []Spec{
	{Name: "tiny", Seed: 1, Modules: 4, PackagesPerModule: 5, FilesPerPackage: 12, Depth: 2},
	{Name: "medium", Seed: 1, Modules: 50, PackagesPerModule: 31, FilesPerPackage: 11, Depth: 3},
	{Name: "large", Seed: 1, Modules: 200, PackagesPerModule: 36, FilesPerPackage: 12, Depth: 3},
	{Name: "huge", Seed: 1, Modules: 500, PackagesPerModule: 52, FilesPerPackage: 10, Depth: 3},
}

// Presets names the preset sizes, smallest first.
func Presets() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return names
}

// Preset returns the named preset with every feature and noise kind on.
func Preset(name string) (Spec, bool) {
	for _, p := range presets {
		if p.Name == name {
			p.GoWork, p.Forgotten, p.TypeError = true, true, true
			p.Vendor, p.TestData, p.NodeModules, p.Git = true, true, true, true
			p.Symlinks, p.NonASCII = true, true
			return p, true
		}
	}
	return Spec{}, false
}

// Validate reports a Spec that cannot or should not be generated.
func (s Spec) Validate() error {
	var errs []error
	if err := validName(s.Name); err != nil {
		errs = append(errs, err)
	}
	check := func(field string, v, max int) {
		if v < 1 || v > max {
			errs = append(errs, fmt.Errorf("benchtree: %s = %d, want 1..%d", field, v, max))
		}
	}
	check("Modules", s.Modules, maxModules)
	check("PackagesPerModule", s.PackagesPerModule, maxPackages)
	check("FilesPerPackage", s.FilesPerPackage, maxFiles)
	check("Depth", s.Depth, maxDepth)
	if len(errs) == 0 && s.Modules*s.PackagesPerModule*s.FilesPerPackage > maxGoFiles {
		errs = append(errs, fmt.Errorf("benchtree: %d×%d×%d Go files is more than %d",
			s.Modules, s.PackagesPerModule, s.FilesPerPackage, maxGoFiles))
	}
	return errors.Join(errs...)
}

// validName keeps Name usable as one path component of the cache directory.
func validName(name string) error {
	if name == "" || len(name) > 64 || name[0] == '.' || name[0] == '-' {
		return fmt.Errorf("benchtree: Name %q must be 1..64 characters, not starting with '.' or '-'", name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("benchtree: Name %q may hold only letters, digits, '-', '_' and '.'", name)
		}
	}
	return nil
}
