// gomod-syntax: a go.mod or go.work that x/mod/modfile cannot parse. The
// other §A checks skip such a file and go on with the rest.
package diagnostics

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func checkGoModSyntax(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	report := func(path string, content []byte, err *modules.SyntaxError, what string) {
		out = append(out, Finding{
			Message: fmt.Sprintf("%s does not parse: %s. The go command and gopls cannot load this %s until it is fixed.",
				filepath.Base(path), strings.ReplaceAll(err.Msg, path, filepath.Base(path)), what),
			File:   path,
			Range:  syntaxErrorRange(content, err),
			Source: filepath.Base(path),
		})
	}
	seen := map[string]bool{}
	mod := func(path string, mf *modules.ModFile) {
		if seen[path] || mf == nil || mf.Err == nil {
			return
		}
		seen[path] = true
		report(path, mf.Content, mf.Err, "module")
	}
	for _, m := range idx.mods {
		mod(m.Path, m.File)
	}
	// The module a folder sits inside, which no walk of the folder found.
	for _, folder := range snap.Folders() {
		if p := snap.NearestModFile(folder.Path); p != "" && idx.byDir[filepath.Dir(p)] == nil {
			mod(p, snap.ModFile(p))
		}
	}
	for _, p := range idx.workPaths {
		if ctx.Err() != nil {
			return nil
		}
		if w := idx.works[p]; w.File != nil && w.File.Err != nil {
			report(p, w.File.Content, w.File.Err, "workspace")
		}
	}
	return out
}

// syntaxErrorRange runs from the position the parser names to the end of
// its line; without a byte offset, the whole line it names.
func syntaxErrorRange(content []byte, err *modules.SyntaxError) textpos.Range {
	m := textpos.NewMapper(content)
	if err.Offset >= 0 && err.Offset <= len(content) {
		start := m.Position(err.Offset)
		end := m.LineRange(start.Line).End
		if end.Less(start) {
			end = start
		}
		return textpos.Range{Start: start, End: end}
	}
	line := min(max(err.Line-1, 0), m.LineCount()-1)
	return m.LineRange(line)
}
