package goplstrace

import (
	"fmt"
	"io"
	"strings"
)

// sessionBlock returns about size bytes of a long gopls -rpc.trace session,
// as an editor produces it after the first minutes: edits, completions,
// hovers, semantic tokens, diagnostics, progress, logs, and now and then
// a failure, a new view and an opened go.mod.
func sessionBlock(size int) []byte {
	var b strings.Builder
	fileText := strings.Repeat(`\tif err := run(ctx, \"x\u003e1\"); err != nil {\n\t\treturn fmt.Errorf(\"running: %w\", err)\n\t}\n`, 20)
	items := strings.Repeat(`{"label":"Println","kind":3,"detail":"func(a ...any) (n int, err error)","documentation":{"kind":"markdown","value":"Println formats using the default formats for its operands and writes to standard output."},"sortText":"00000","filterText":"Println","insertTextFormat":2,"textEdit":{"range":{"start":{"line":7,"character":5},"end":{"line":7,"character":5}},"newText":"Println(${1:})"}},`, 12)
	tokens := strings.Repeat("0,5,3,8,0,1,4,6,2,0,", 300)
	t := 0
	stamp := func() string {
		t++
		return fmt.Sprintf("%02d:%02d:%02d.%03d AM", t/3600000%12, t/60000%60, t/1000%60, t%1000)
	}
	id, srv := 1, 1
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "[Trace - %s] Sending notification 'textDocument/didChange'.\nParams: {\"textDocument\":{\"uri\":\"file:///home/u/proj/main.go\",\"version\":%d},\"contentChanges\":[{\"text\":\"package main\\n\\nfunc main() {\\n%s}\\n\"}]}\r\n\r\n\r\n", stamp(), i, fileText)
		fmt.Fprintf(&b, "[Trace - %s] Sending request 'textDocument/completion - (%d)'.\nParams: {\"textDocument\":{\"uri\":\"file:///home/u/proj/main.go\"},\"position\":{\"line\":7,\"character\":5},\"context\":{\"triggerKind\":2,\"triggerCharacter\":\".\"}}\r\n\r\n\r\n", stamp(), id)
		fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/completion - (%d)' in 23ms.\nResult: {\"isIncomplete\":true,\"items\":[%s{\"label\":\"x\"}]}\r\n\r\n\r\n", stamp(), id, items)
		id++
		fmt.Fprintf(&b, "[Trace - %s] Sending request 'textDocument/semanticTokens/full - (%d)'.\nParams: {\"textDocument\":{\"uri\":\"file:///home/u/proj/main.go\"}}\r\n\r\n\r\n", stamp(), id)
		fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/semanticTokens/full - (%d)' in 4ms.\nResult: {\"data\":[%s0]}\r\n\r\n\r\n", stamp(), id, tokens)
		id++
		fmt.Fprintf(&b, "[Trace - %s] Sending request 'textDocument/hover - (%d)'.\nParams: {\"textDocument\":{\"uri\":\"file:///home/u/proj/main.go\"},\"position\":{\"line\":3,\"character\":6}}\r\n\r\n\r\n", stamp(), id)
		if i%10 == 9 {
			fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/hover - (%d)' in 0ms. Request failed: no package metadata for file file:///home/u/proj/main.go.\r\n\r\n\r\n", stamp(), id)
		} else {
			fmt.Fprintf(&b, "[Trace - %s] Received response 'textDocument/hover - (%d)' in 1ms.\nResult: {\"contents\":{\"kind\":\"markdown\",\"value\":\"```go\\nfunc fmt.Println(a ...any) (n int, err error)\\n```\\n\\nPrintln formats using the default formats\"},\"range\":{\"start\":{\"line\":3,\"character\":5},\"end\":{\"line\":3,\"character\":12}}}\r\n\r\n\r\n", stamp(), id)
		}
		id++
		fmt.Fprintf(&b, "[Trace - %s] Received request 'workspace/configuration - (%d)'.\nParams: {\"items\":[{\"scopeUri\":\"file:///home/u/proj\",\"section\":\"gopls\"}]}\r\n\r\n\r\n", stamp(), srv)
		fmt.Fprintf(&b, "[Trace - %s] Sending response 'workspace/configuration - (%d)' in 0ms.\nResult: [{}]\r\n\r\n\r\n", stamp(), srv)
		srv++
		fmt.Fprintf(&b, "[Trace - %s] Received notification 'window/logMessage'.\nParams: {\"type\":3,\"message\":\"2026/11/22 01:18:38 go/packages.Load #%d\\n\\tview_id=\\\"1\\\"\\n\\tsnapshot=%d\\n\\tdirectory=/home/u/proj\\n\\tquery=[file=/home/u/proj/main.go]\\n\\tpackages=1\\n\\tduration=36.376321ms\\n\"}\r\n\r\n\r\n", stamp(), i, i)
		fmt.Fprintf(&b, "[Trace - %s] Received notification 'window/logMessage'.\nParams: {\"type\":3,\"message\":\"2026/11/22 01:18:38 background imports cache refresh starting\\n\"}\r\n\r\n\r\n", stamp())
		fmt.Fprintf(&b, "[Trace - %s] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///home/u/proj/util.go\",\"version\":%d,\"diagnostics\":[]}\r\n\r\n\r\n", stamp(), i)
		fmt.Fprintf(&b, "[Trace - %s] Received notification '$/progress'.\nParams: {\"token\":\"4867353546794563688\",\"value\":{\"kind\":\"report\",\"message\":\"%d/10 packages\",\"percentage\":%d}}\r\n\r\n\r\n", stamp(), i%10, i%10*10)
		if i%5 == 0 {
			fmt.Fprintf(&b, "[Trace - %s] Received notification 'textDocument/publishDiagnostics'.\nParams: {\"uri\":\"file:///home/u/proj/main.go\",\"version\":%d,\"diagnostics\":[{\"range\":{\"start\":{\"line\":4,\"character\":1},\"end\":{\"line\":4,\"character\":14}},\"severity\":1,\"source\":\"compiler\",\"message\":\"undefined: x \\u003e y\"}]}\r\n\r\n\r\n", stamp(), i)
			fmt.Fprintf(&b, "[Trace - %s] Received notification 'window/logMessage'.\nParams: {\"type\":1,\"message\":\"2026/11/22 01:18:38 go/packages.Load #%d: err: exit status 1: stderr: go: updates to go.mod needed; to update it:\\n\\tgo mod tidy\\n\\n\\tview_id=\\\"1\\\"\\n\\tsnapshot=%d\\n\\tdirectory=/home/u/proj\\n\\tquery=[./...]\\n\\tpackages=0\\n\\tduration=12ms\\n\"}\r\n\r\n\r\n", stamp(), i, i)
			fmt.Fprintf(&b, "[Trace - %s] Received notification '$/progress'.\nParams: {\"token\":\"6526009946346535111\",\"value\":{\"kind\":\"begin\",\"title\":\"Error loading workspace\",\"message\":\"packages.Load error: err: exit status 1\"}}\r\n\r\n\r\n", stamp())
		}
		if i%50 == 0 {
			fmt.Fprintf(&b, "[Trace - %s] Received notification 'window/logMessage'.\nParams: {\"type\":3,\"message\":\"2026/11/22 01:18:38 Created View (#%d)\\n\\tdirectory=/home/u/proj\\n\\tview_type=\\\"GoMod\\\"\\n\\troot_dir=\\\"file:///home/u/proj\\\"\\n\\tgo_version=\\\"go version go1.26.8 linux/amd64\\\"\\n\\tbuild_flags=[]\\n\\tenv={GOOS:linux GOARCH:amd64 GOCACHE:/home/u/.cache/go-build GOMODCACHE:/home/u/go/pkg/mod GOPATH:/home/u/go GOPRIVATE: GOFLAGS: GO111MODULE: GOTOOLCHAIN:local GOROOT:/usr/local/go GoVersion:26 GoVersionOutput:go version go1.26.8 linux/amd64\\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}\\n\\tenv_overlay=[]\\n\"}\r\n\r\n\r\n", stamp(), i)
			fmt.Fprintf(&b, "[Trace - %s] Sending notification 'textDocument/didOpen'.\nParams: {\"textDocument\":{\"uri\":\"file:///home/u/proj/go.mod\",\"languageId\":\"go.mod\",\"version\":1,\"text\":\"module example.com/p\\n\\ngo 1.26\\n\\nrequire golang.org/x/mod v0.20.0\\n\"}}\r\n\r\n\r\n", stamp())
			fmt.Fprintf(&b, "[Trace - %s] Received notification 'window/showMessage'.\nParams: {\"type\":2,\"message\":\"Invalid settings: setting option \\\"x\\\": unexpected setting\"}\r\n\r\n\r\n", stamp())
		}
	}
	return []byte(b.String())
}

// repeatReader yields block over and over until n bytes have been read,
// without ever holding more than block.
type repeatReader struct {
	block []byte
	off   int
	left  int64
	// every is called after each chunk of about a MiB, if set.
	every func()
	since int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n := copy(p, r.block[r.off:])
	r.off = (r.off + n) % len(r.block)
	r.left -= int64(n)
	if r.since += n; r.every != nil && r.since >= 1<<20 {
		r.since = 0
		r.every()
	}
	return n, nil
}
