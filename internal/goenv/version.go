// Package goenv holds facts about the Go toolchain and environment that
// gopls would use. LocalGoVersion is static: it reads files, runs nothing,
// so it is safe in an untrusted workspace.
package goenv

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// LocalGoVersion returns the version of the go command that env would run
// ("1.26.8"), or "" if none is found. It looks for go on env's PATH, then in
// $GOROOT/bin, resolves symlinks to find the toolchain's root, and reads the
// first line of its VERSION file.
func LocalGoVersion(env map[string]string) string {
	gobin := FindGo(env)
	if gobin == "" {
		return ""
	}
	real, err := filepath.EvalSymlinks(gobin)
	if err != nil {
		return ""
	}
	return readVersionFile(filepath.Join(filepath.Dir(filepath.Dir(real)), "VERSION"))
}

// FindGo returns the path of the go executable env's PATH would find, else
// $GOROOT/bin/go if GOROOT is set and holds one, else "".
func FindGo(env map[string]string) string {
	var extra []string
	if goroot := env["GOROOT"]; goroot != "" {
		extra = append(extra, filepath.Join(goroot, "bin"))
	}
	return FindTool(env, "go", extra...)
}

// FindTool returns the path of the executable name that env's PATH would
// find, else the first of extra that holds it, else "".
func FindTool(env map[string]string, name string, extra ...string) string {
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var dirs []string
	for _, d := range append(filepath.SplitList(env["PATH"]), extra...) {
		// An empty PATH entry means the working directory; we never rely on
		// it (and running a program found there would run the workspace's code).
		if d != "" && filepath.IsAbs(d) {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
			return p
		}
	}
	return ""
}

// ToolchainVersion is the version of the Go tree at goroot, from its
// VERSION file ("" when it has none that names a release).
func ToolchainVersion(goroot string) string {
	return readVersionFile(filepath.Join(goroot, "VERSION"))
}

// readVersionFile parses a toolchain's VERSION file: its first line is
// "go1.26.8" (development builds say "devel …", which has no version).
func readVersionFile(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return ""
	}
	line := strings.TrimSpace(sc.Text())
	v, ok := strings.CutPrefix(line, "go")
	if !ok || v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}
