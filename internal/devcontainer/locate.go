package devcontainer

import (
	"path/filepath"
	"sort"
)

// Locate lists the devcontainer.json files of a folder where the spec puts
// them, in its order of precedence: .devcontainer/devcontainer.json,
// .devcontainer.json, then .devcontainer/<sub>/devcontainer.json for each
// subdirectory, sorted. exists reports a regular file; subdirs lists a
// directory's subdirectories.
func Locate(folder string, exists func(string) bool, subdirs func(string) []string) []string {
	var out []string
	dir := filepath.Join(folder, ".devcontainer")
	for _, p := range []string{filepath.Join(dir, "devcontainer.json"), filepath.Join(folder, ".devcontainer.json")} {
		if exists(p) {
			out = append(out, p)
		}
	}
	subs := append([]string(nil), subdirs(dir)...) // sorted here, not in the caller's slice
	sort.Strings(subs)
	for _, sub := range subs {
		if p := filepath.Join(dir, sub, "devcontainer.json"); exists(p) {
			out = append(out, p)
		}
	}
	return out
}
