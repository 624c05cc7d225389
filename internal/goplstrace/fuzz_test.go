package goplstrace

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are the hand-written inputs and the start and end of real
// traces: every format and every record form.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{legacyChannel, vscodeLog, rawStderr,
		"[Error - Received] 01:30:15.710 AM #2 no views" + eor,
		"[Error - 16:21:32.906 PM] Received #2 getting file for Identifier: no PackageHandles" + eor,
		"[Trace - 01:19:46.189 AM] Received response 'textDocument/hover - (2)' in 0ms. Request failed: no views (-1)." + eor,
		"[Trace - 4:21:29 PM] Sending request 'initialize - (0)'.\nParams: {\n    \"processId\": 1234,\n",
		"2026-08-20 10:11:12.100 [error] [Trace - 10:11:12.099 AM] Sending request 'x - (1)'.\n2026-08-20 10:11:12.100 [error] Params: {}\n",
	}
	files, _ := filepath.Glob(filepath.Join(localCorpus, "*.log"))
	for _, name := range files[:min(3, len(files))] {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(data[:4096]), string(data[len(data)-3000:]))
	}
	return seeds
}

func FuzzScanner(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add([]byte(s))
	}
	// A small buffer sends lines through the long-line path too (bufio's
	// minimum is 16 bytes).
	defer func(n int) { readBuf = n }(readBuf)
	readBuf = 16
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewScanner(bytes.NewReader(data))
		prev := 0
		for s.Scan() {
			r := s.Record()
			if len(r.Body) > MaxBody || len(r.Text) > MaxBody || len(r.Err) > MaxBody {
				t.Fatalf("record too big: %d %d %d", len(r.Body), len(r.Text), len(r.Err))
			}
			if r.Line < prev || r.EndLine < r.Line || r.EndLine > s.Lines() || r.Line < 1 {
				t.Fatalf("lines %d-%d after %d, of %d", r.Line, r.EndLine, prev, s.Lines())
			}
			if r.Kind < KindRequest || r.Kind > KindText {
				t.Fatalf("kind %d", r.Kind)
			}
			if (r.Kind == KindLog) != (r.Level != "") {
				t.Fatalf("level %q on a %v", r.Level, r.Kind)
			}
			prev = r.Line
		}
		if s.Err() != nil {
			t.Fatal(s.Err())
		}
		sum, err := Summarize(bytes.NewReader(data))
		if err != nil || sum.Lines != s.Lines() || sum.Format != s.Format() {
			t.Fatalf("summary: %v, %d/%d lines, %s/%s", err, sum.Lines, s.Lines(), sum.Format, s.Format())
		}
	})
}

func FuzzParseLogMessage(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add("2026/11/22 01:18:38 go/packages.Load #1: err: x\n\n\tview_id=\"1\"\n\tduration=36.376321ms\n")
	f.Fuzz(func(t *testing.T, text string) {
		m := ParseLogMessage(text)
		if strings.HasSuffix(m.Message, "\n") {
			t.Fatalf("message ends with a newline: %q", m.Message)
		}
		for _, l := range m.Labels {
			if l.Key == "" || strings.ContainsAny(l.Key, "= \t\n") {
				t.Fatalf("label key %q", l.Key)
			}
		}
		if !strings.Contains(text, "\n\t") && len(m.Labels) > 0 {
			t.Fatalf("labels without label lines: %q", m.Labels)
		}
		if utf8.ValidString(text) && !utf8.ValidString(m.Message) {
			t.Fatalf("message is not UTF-8: %q", m.Message)
		}
		parseLoad(m)
		crashText(text)
		clientFailure(text)
	})
}

func FuzzParseView(f *testing.F) {
	f.Add("2026/11/22 01:21:21 Created View (#2)\n\tdirectory=/w\n\tview_type=\"GoMod\"\n\troot_dir=\"file:///w%20x\"\n\tenv={GOOS:linux GoVersionOutput:go version\n ExplicitGOWORK:}\n\tenv_overlay=[GOWORK=off]\n")
	f.Add("go info for /w\n(go dir /w)\n(selected go env: [A=, B=x, C=y])\n(go env: {A:b C:d})")
	f.Add("go env for /w\n(root file:///c%3A/w)\n(build flags: [-a -b])\nGOPATH=/x\nX=")
	f.Add("Created View (#")
	f.Fuzz(func(t *testing.T, text string) {
		v, ok := ParseView(ParseLogMessage(text))
		if !ok && (v.ID != "" || v.Env != nil) {
			t.Fatalf("no view, but %+v", v)
		}
		for k := range v.Env {
			if k == "" {
				t.Fatal("empty variable name")
			}
		}
		URIToPath(text)
		ParseServerInfo([]byte(text))
		ParseInitParams([]byte(text))
		jsonString([]byte(text))
	})
}
