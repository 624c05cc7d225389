// Package docs embeds the user documentation that gomend prints and serves:
// one page per check (`gomend explain ID`, the editor's "Explain problem").
package docs

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed checks/*.md
var checks embed.FS

// CheckPage returns docs/checks/<id>.md, or false if there is none.
func CheckPage(id string) (string, bool) {
	data, err := fs.ReadFile(checks, "checks/"+id+".md")
	if err != nil {
		return "", false
	}
	return string(data), true
}

// CheckIDs lists the IDs that have a page, sorted.
func CheckIDs() []string {
	entries, _ := fs.ReadDir(checks, "checks")
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".md"); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// HrefBase is where the check pages are published; a diagnostic's
// codeDescription links to HrefBase + ID + ".md".
const HrefBase = "https://github.com/gomend/gomend/blob/main/docs/checks/"
