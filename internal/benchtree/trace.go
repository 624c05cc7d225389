package benchtree

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// TraceSession is one session of a generated gopls -rpc.trace, numbered
// i: an initialize, a Created View, a load, forty hovers with their
// diagnostics, and a failed request — the records of a real session, with
// fresh ids and times. gomend-bench repeats it up to a gigabyte; the
// trace parser's benchmarks use it too.
func TraceSession(i int) string {
	var b strings.Builder
	clock := func(k int) string {
		s := (i*97 + k) % 86400
		return fmt.Sprintf("%02d:%02d:%02d.%03d AM", s/3600, s/60%60, s%60, k%1000)
	}
	rec := func(k int, header, kind string, body any) {
		data, _ := json.Marshal(body)
		fmt.Fprintf(&b, "[Trace - %s] %s\n%s: %s\r\n\r\n\r\n", clock(k), header, kind, data)
	}
	dir := fmt.Sprintf("/home/dev/ws/project-%d", i%50)
	rec(0, "Sending request 'initialize - (1)'.", "Params", map[string]any{
		"processId": 1000 + i, "rootUri": "file://" + dir,
		"workspaceFolders": []map[string]string{{"uri": "file://" + dir, "name": filepath.Base(dir)}},
		"clientInfo":       map[string]string{"name": "Visual Studio Code", "version": "1.96.0"},
	})
	rec(1, "Received response 'initialize - (1)' in 1ms.", "Result", map[string]any{
		"serverInfo": map[string]string{"name": "gopls", "version": `{"GoVersion":"go1.27.4","Path":"golang.org/x/tools/gopls","Main":{"Path":"golang.org/x/tools/gopls","Version":"v0.24.0"}}`},
	})
	rec(2, "Received notification 'window/logMessage'.", "Params", map[string]any{"type": 3, "message": "2026/11/22 01:18:38 Created View (#1)\n\tdirectory=" + dir +
		"\n\tview_type=\"GoMod\"\n\troot_dir=\"file://" + dir + "\"\n\tgo_version=\"go version go1.26.8 linux/amd64\"\n\tbuild_flags=[]\n\tenv={GOOS:linux GOARCH:amd64 GOCACHE:/home/dev/.cache/go-build GOMODCACHE:/home/dev/go/pkg/mod GOPATH:/home/dev/go GOPRIVATE: GOFLAGS: GO111MODULE: GOTOOLCHAIN:local GOROOT:/usr/local/go GoVersion:26 GoVersionOutput:go version go1.26.8 linux/amd64\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}\n\tenv_overlay=[]\n"})
	rec(3, "Received notification 'window/logMessage'.", "Params", map[string]any{"type": 3, "message": fmt.Sprintf(
		"2026/11/22 01:18:38 go/packages.Load #1\n\tview_id=\"1\"\n\tsnapshot=0\n\tdirectory=%s\n\tquery=[%s/... builtin]\n\tpackages=%d\n\tduration=%dms\n", dir, dir, 40+i%7, 200+i%300)})
	for k := 0; k < 40; k++ {
		id := 2 + k
		file := fmt.Sprintf("file://%s/pkg%d/file%d.go", dir, k%9, k)
		rec(10+k, fmt.Sprintf("Sending request 'textDocument/hover - (%d)'.", id), "Params", map[string]any{
			"textDocument": map[string]string{"uri": file}, "position": map[string]int{"line": k, "character": 7},
		})
		rec(11+k, fmt.Sprintf("Received response 'textDocument/hover - (%d)' in %dms.", id, k%5), "Result", map[string]any{
			"contents": map[string]string{"kind": "markdown", "value": "```go\nfunc (s *Server) Handle(ctx context.Context, req *Request) (*Response, error)\n```\n\nHandle serves one request <with> & escapes."},
			"range":    map[string]any{"start": map[string]int{"line": k, "character": 5}, "end": map[string]int{"line": k, "character": 11}},
		})
		rec(12+k, "Received notification 'textDocument/publishDiagnostics'.", "Params", map[string]any{
			"uri": file, "version": k, "diagnostics": []map[string]any{{
				"range":    map[string]any{"start": map[string]int{"line": 3, "character": 1}, "end": map[string]int{"line": 3, "character": 9}},
				"severity": 2, "source": "unusedfunc", "message": fmt.Sprintf("function \"helper%d\" is unused", k),
			}},
		})
	}
	fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/definition - (99)' in 0ms. Request failed: no package metadata for file file://%s/main.go.\r\n\r\n\r\n", clock(90), dir)
	return b.String()
}
