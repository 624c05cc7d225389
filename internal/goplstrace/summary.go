package goplstrace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxKept bounds each list of a Summary; what does not fit is counted in
// Dropped.
const MaxKept = 1000

// maxCrash bounds the text kept of one crash (a panic and its stack).
const maxCrash = 8 << 10

// Summary is what a whole trace shows, bounded: its memory depends on
// MaxKept and MaxBody, never on the size of the file.
type Summary struct {
	Format  Format
	Lines   int
	Records int

	Init       *InitParams // the last initialize request
	InitLine   int
	Server     *ServerInfo // from the last initialize result
	ServerLine int

	Views []Located[View]
	// Logs are window/logMessage messages of type 1 (error) and 2
	// (warning), and channel lines at error or warning level.
	Logs     []Located[LogMessage]
	Messages []Located[ShowMessage] // window/showMessage
	// Progress holds $/progress values whose title or message says
	// "Error", "error" or "failed".
	Progress []Located[Progress]
	// Diagnostics are the last MaxKept non-empty publishDiagnostics (one
	// whose body was cut, and does not decode, takes its place in the
	// count but is left out).
	Diagnostics []Located[Diagnostics]
	// Failures are error responses; an old-style error that gives only an
	// id is named by the request seen with that id.
	Failures []Located[Failure]
	Opened   []Located[OpenedDoc] // didOpen of go.mod and go.work files
	Loads    []Located[Load]      // go/packages.Load log messages
	// Crashes are panics (with the start of their stack), "A bug occurred
	// on the server", and the client's "Connection to server got closed",
	// "Server process exited with code …", "Server initialization failed".
	Crashes []Located[string]

	Truncated bool // the file ends in the middle of a record
	Dropped   int  // entries not kept because of MaxKept
}

// Located is a value and the line of the record it came from.
type Located[T any] struct {
	Line  int
	Value T
}

// ShowMessage is a window/showMessage notification.
type ShowMessage struct {
	Type    int
	Message string
}

// Progress is one $/progress value.
type Progress struct{ Kind, Title, Message string }

// Diagnostics is one publishDiagnostics notification.
type Diagnostics struct {
	URI   string
	Items []Diagnostic
}

// Diagnostic is an LSP diagnostic; Line and Character are its range's
// start, 0-based as in LSP.
type Diagnostic struct {
	Line, Character, Severity int
	Source, Message           string
}

// Failure is a request that failed.
type Failure struct{ Method, ID, Err string }

// OpenedDoc is a go.mod or go.work file the client opened, with the text
// it sent (at most MaxBody bytes).
type OpenedDoc struct{ URI, LanguageID, Text string }

// Load is one go/packages.Load log message: gopls's account of one run of
// the go command (or GOPACKAGESDRIVER).
type Load struct {
	ID        string // "1" from "go/packages.Load #1"
	Duration  time.Duration
	Packages  int
	Directory string
	Query     string
	Err       string // the error after "go/packages.Load #1: "
	Type      int    // the log message's type (1 when it failed)
}

// Summarize reads a trace once and returns its Summary. A read error
// returns the summary of what was read, and the error.
//
// A file (any reader that can also ReadAt and Seek) of some megabytes is
// read in parts, one per core, each from a record's start, and their
// summaries merged (see parallel.go).
func Summarize(r io.Reader) (*Summary, error) {
	if sum, ok, err := summarizeParallel(r); ok {
		return sum, err
	}
	p := summarizePart(r, nil, 0, nil)
	p.z.finish()
	return p.summary()
}

// part is the reading of a file, or of one part of it.
type part struct {
	s   *Scanner
	z   *summarizer
	err error
	// otherTotal is the sum of the sizes of s.other of the parts merged
	// into this one (see absorb).
	otherTotal int
}

// summarizePart reads r to its end. When ra is not nil, r is ra from
// offset base on, which finish may read again. When mem is not nil, it
// is that part of ra, mapped, and r is not read.
func summarizePart(r io.Reader, ra io.ReaderAt, base int64, mem *mapped) *part {
	var s *Scanner
	if mem != nil {
		s = NewScanner(bytes.NewReader(mem.part()))
		s.mem = mem
	} else {
		s = NewScanner(r)
	}
	z := &summarizer{sum: &Summary{}, crash: -1, ra: ra, base: base}
	for {
		if s.clean() {
			z.fast(s)
		}
		if !s.Scan() {
			break
		}
		z.record(s, &s.out)
	}
	return &part{s: s, z: z, err: s.Err(), otherTotal: len(s.other)}
}

// fastPath is whether Summarize reads what it can by the fast path (a
// variable so that tests can compare the two ways).
var fastPath = true

// fastRecords summarizes the records the fast path reads from b (at
// offset base in the input) and returns how many bytes it took.
func (z *summarizer) fastRecords(s *Scanner, b []byte, base int64) int {
	pos := 0
	for {
		n, res := s.fastRecord(b[pos:], base+int64(pos))
		pos += n
		if res == fastNone {
			return pos
		}
		if res == fastSkipped {
			// What record does with a JSON-RPC record it has no use for.
			z.sum.Records++
			z.crash = -1
			continue
		}
		z.record(s, &s.fast)
	}
}

// fast summarizes the records the fast path reads from the buffered
// input, until it meets one it leaves to Scan.
func (z *summarizer) fast(s *Scanner) {
	if !fastPath {
		return
	}
	s.skip(z.fastRecords(s, s.buffered(), s.consumed))
}

func (p *part) summary() (*Summary, error) {
	sum := p.z.sum
	sum.Format, sum.Lines, sum.Truncated = p.s.Format(), p.s.Lines(), p.s.truncated
	if p.err != nil {
		return sum, fmt.Errorf("reading gopls trace: %w", p.err)
	}
	return sum, nil
}

type summarizer struct {
	sum *Summary
	// Diagnostics keep the last MaxKept, which cannot be known before the
	// end: a ring keeps the raw notifications, decoded by finish.
	diags     []rawDiag
	diagNext  int // the oldest in diags, once it is full
	diagCount int // how many went into the ring
	// crash is the index in Crashes of a panic whose stack is still being
	// read from the following text lines (crashDropped when Crashes was
	// full: the stack is read all the same, and dropped); crashLines
	// counts them and crashLen is the crash's length.
	crash, crashLines, crashLen int
	// The last initialize request and result seen, decoded by finish.
	init, server         []byte
	initLine, serverLine int
	// pending are the Failures of old-style errors whose id no request
	// of this part had: the part before may have it.
	pending []pendingMethod
	// ra, when not nil, is the input, which is read from offset base:
	// the bodies of diagnostics are read from it again by finish.
	ra   io.ReaderAt
	base int64
}

// crashDropped is summarizer.crash while the stack of a panic that did
// not fit in Crashes is read.
const crashDropped = MaxKept

type pendingMethod struct {
	index int // in Failures
	dir   int
	id    int64
	key   string // for an id that is not a number
}

func keep[T any](sum *Summary, list *[]Located[T], line int, v T) {
	if len(*list) >= MaxKept {
		sum.Dropped++
		return
	}
	*list = append(*list, Located[T]{line, v})
}

func (z *summarizer) finish() {
	if p, ok := ParseInitParams(z.init); ok {
		z.sum.Init, z.sum.InitLine = &p, z.initLine
	}
	if si, ok := ParseServerInfo(z.server); ok {
		z.sum.Server, z.sum.ServerLine = &si, z.serverLine
	}
	var buf []byte
	for i := range z.diags {
		d := z.diags[(z.diagNext+i)%len(z.diags)]
		body := d.body
		if d.inRA {
			buf = slices.Grow(buf[:0], d.n)[:d.n]
			if n, _ := z.ra.ReadAt(buf, d.at); n < d.n {
				continue // the file was cut since
			}
			body = buf
		}
		if v, ok := parseDiagnostics(body); ok {
			z.sum.Diagnostics = append(z.sum.Diagnostics, Located[Diagnostics]{d.line, v})
		}
	}
}

// record looks at one record, decoding only what the Summary keeps.
func (z *summarizer) record(s *Scanner, r *rec) {
	sum := z.sum
	sum.Records++
	if z.crash >= 0 {
		if z.stack(r) {
			return
		}
		z.crash = -1
	}
	switch r.kind {
	case KindRequest:
		// Only the last session's initialize is decoded, at the end.
		if string(r.method) == "initialize" && !r.received && r.hasBody {
			z.init = append(z.init[:0], r.body...)
			z.initLine = r.line
		}
	case KindResponse:
		if r.hasErr {
			if len(sum.Failures) >= MaxKept {
				sum.Dropped++
				return
			}
			if r.unresolved {
				z.pending = append(z.pending, pendingMethod{len(sum.Failures), r.resDir, r.resID, r.resKey})
			}
			keep(sum, &sum.Failures, r.line, Failure{Method: s.str(r.method), ID: string(r.id), Err: string(r.err)})
			return
		}
		if string(r.method) == "initialize" && r.hasBody && bytes.Contains(r.body, []byte(`"serverInfo"`)) {
			z.server = append(z.server[:0], r.body...)
			z.serverLine = r.line
		}
	case KindNotification:
		if r.hasBody {
			z.notification(r)
		}
	case KindLog:
		z.channelLine(r)
	case KindText:
		z.text(r)
	}
}

// notification looks at the notifications rpcHeader.wanted names.
func (z *summarizer) notification(r *rec) {
	sum := z.sum
	switch string(r.method) {
	case "window/logMessage":
		z.logMessage(r)
	case "window/showMessage":
		var m struct {
			Type    int
			Message string
		}
		if json.Unmarshal(r.body, &m) == nil {
			keep(sum, &sum.Messages, r.line, ShowMessage(m))
			z.crashIn(r.line, m.Message)
		}
	case "$/progress":
		if !bytes.Contains(r.body, []byte("rror")) && !bytes.Contains(r.body, []byte("failed")) {
			return
		}
		if len(sum.Progress) >= MaxKept {
			sum.Dropped++ // only a title or a message has those words
			return
		}
		var p struct {
			Value struct{ Kind, Title, Message string }
		}
		if json.Unmarshal(r.body, &p) == nil && progressFailed(p.Value.Title, p.Value.Message) {
			keep(sum, &sum.Progress, r.line, Progress(p.Value))
		}
	case "textDocument/publishDiagnostics":
		if !hasDiagnostics(r.body) {
			return
		}
		z.diagCount++
		var d *rawDiag
		if len(z.diags) < MaxKept {
			z.diags = append(z.diags, rawDiag{})
			d = &z.diags[len(z.diags)-1]
		} else {
			d = &z.diags[z.diagNext]
			z.diagNext = (z.diagNext + 1) % MaxKept
			sum.Dropped++
		}
		d.line = r.line
		if d.inRA = z.ra != nil && r.bodyIn; d.inRA {
			d.at, d.n = z.base+r.bodyAt, len(r.body)
		} else {
			d.body = append(d.body[:0], r.body...)
		}
	case "textDocument/didOpen":
		td := field(r.body, "textDocument")
		f := fields(td, "uri", "languageId", "text")
		uri, _ := jsonString(f[0])
		lang, _ := jsonString(f[1])
		if !isWorkspaceFile(uri) && lang != "go.mod" && lang != "go.work" {
			return
		}
		text, _ := jsonString(f[2])
		keep(sum, &sum.Opened, r.line, OpenedDoc{URI: uri, LanguageID: lang, Text: text})
	}
}

// rawDiag is a publishDiagnostics notification kept to be decoded at the
// end: its body, or where it lies in the input (at, n) when the input can
// be read again (summarizer.ra), which saves copying each of them.
type rawDiag struct {
	line int
	body []byte
	at   int64
	n    int
	inRA bool
}

func parseDiagnostics(body []byte) (Diagnostics, bool) {
	var p struct {
		URI         string
		Diagnostics []struct {
			Range struct {
				Start struct{ Line, Character int }
			}
			Severity        int
			Source, Message string
		}
	}
	if json.Unmarshal(body, &p) != nil || len(p.Diagnostics) == 0 {
		return Diagnostics{}, false
	}
	d := Diagnostics{URI: p.URI, Items: make([]Diagnostic, len(p.Diagnostics))}
	for i, x := range p.Diagnostics {
		d.Items[i] = Diagnostic{x.Range.Start.Line, x.Range.Start.Character, x.Severity, x.Source, x.Message}
	}
	return d, true
}

func progressFailed(title, msg string) bool {
	for _, w := range []string{"Error", "error", "failed"} {
		if strings.Contains(title, w) || strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

func isWorkspaceFile(uri string) bool {
	return strings.HasSuffix(uri, "/go.mod") || strings.HasSuffix(uri, "/go.work")
}

// logMessage handles window/logMessage. Most are info messages nothing
// keeps; those are dropped by looking at the raw JSON, before decoding.
func (z *summarizer) logMessage(r *rec) {
	f := fields(r.body, "type", "message")
	typ, _ := jsonInt(f[0])
	raw := f[1]
	if len(raw) < 2 || raw[0] != '"' {
		return
	}
	// The markers are plain ASCII, which no JSON encoder escapes.
	head := raw[1 : len(raw)-1]
	if hasLogTime(head) {
		head = head[20:]
	}
	view := bytes.HasPrefix(head, []byte("Created View")) || bytes.HasPrefix(head, []byte("go info for ")) ||
		bytes.HasPrefix(head, []byte("go env for "))
	load := bytes.HasPrefix(head, []byte("go/packages.Load"))
	crash := bytes.Contains(raw, []byte("A bug occurred")) || bytes.Contains(raw, []byte("panic: "))
	if !crash && !z.wanted(view, load, typ) {
		return
	}
	if text, ok := jsonString(raw); ok {
		z.message(r.line, typ, text)
	}
}

// wanted reports whether a log message would be kept in a list that is
// not full yet: a view, a load, or (type 1 or 2) a log. If not, it counts
// the message as dropped from each list it belongs to.
func (z *summarizer) wanted(view, load bool, typ int) bool {
	sum := z.sum
	log := typ == 1 || typ == 2
	if view && len(sum.Views) < MaxKept || load && len(sum.Loads) < MaxKept || log && len(sum.Logs) < MaxKept {
		return true
	}
	for _, in := range []bool{view, load, log} {
		if in {
			sum.Dropped++
		}
	}
	return false
}

// message handles one gopls log message, from the trace or a channel.
func (z *summarizer) message(line, typ int, text string) {
	sum := z.sum
	head := text
	if hasLogTime(head) {
		head = head[20:]
	}
	view := strings.HasPrefix(head, "Created View") || strings.HasPrefix(head, "go info for ") ||
		strings.HasPrefix(head, "go env for ")
	load := strings.HasPrefix(head, "go/packages.Load")
	if z.wanted(view, load, typ) {
		m := ParseLogMessage(text)
		m.Type = typ
		if v, ok := ParseView(m); ok && view {
			keep(sum, &sum.Views, line, v)
		}
		if l, ok := parseLoad(m); ok && load {
			keep(sum, &sum.Loads, line, l)
		}
		if typ == 1 || typ == 2 {
			keep(sum, &sum.Logs, line, m)
		}
	}
	z.crashIn(line, text)
}

// parseLoad reads "go/packages.Load #1[: err]" with its labels.
func parseLoad(m LogMessage) (Load, bool) {
	rest, ok := strings.CutPrefix(m.Message, "go/packages.Load")
	if !ok {
		return Load{}, false
	}
	l := Load{Type: m.Type, Packages: -1}
	if id, ok := strings.CutPrefix(rest, " #"); ok {
		n := 0
		for n < len(id) && isDigit(id[n]) {
			n++
		}
		l.ID, rest = id[:n], id[n:]
	}
	if e, ok := strings.CutPrefix(rest, ": "); ok {
		l.Err = e
	} else if rest != "" {
		return Load{}, false // another message that starts alike
	}
	if v, ok := m.Label("duration"); ok {
		l.Duration, _ = time.ParseDuration(v)
	}
	if v, ok := m.Label("packages"); ok {
		if n, err := strconv.Atoi(v); err == nil {
			l.Packages = n
		}
	}
	l.Directory, _ = m.Label("directory")
	l.Query, _ = m.Label("query")
	return l, true
}

// channelLine handles a VS Code channel line: gopls's log messages arrive
// there as text, with a level instead of a type.
func (z *summarizer) channelLine(r *rec) {
	text := string(r.text)
	typ := levelType(r.level)
	if r.level == "error" || r.level == "warning" {
		if f, ok := clientFailure(text); ok {
			keep(z.sum, &z.sum.Failures, r.line, f)
		}
	}
	z.message(r.line, typ, text)
}

func levelType(level string) int {
	switch level {
	case "error":
		return 1
	case "warning":
		return 2
	case "info":
		return 3
	}
	return 4
}

// clientFailure reads vscode-languageclient's report of a failed request:
//
//	Request textDocument/definition failed.
//	  Message: getting file for Identifier: no PackageHandles
//	  Code: 0
func clientFailure(text string) (Failure, bool) {
	first, rest, _ := strings.Cut(text, "\n")
	method, ok := strings.CutPrefix(first, "Request ")
	if !ok {
		return Failure{}, false
	}
	method, ok = strings.CutSuffix(method, " failed.")
	if !ok || strings.ContainsAny(method, " \t") {
		return Failure{}, false
	}
	f := Failure{Method: method}
	var msg []string
	for l := range strings.SplitSeq(rest, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "Message: "):
			msg = append(msg, strings.TrimPrefix(t, "Message: "))
		case strings.HasPrefix(t, "Code: "):
		case len(msg) > 0:
			msg = append(msg, l) // the message had newlines
		}
	}
	f.Err = strings.Join(msg, "\n")
	return f, true
}

// text handles a line of stderr (or any text): gopls log lines and crashes.
func (z *summarizer) text(r *rec) {
	if hasLogTime(r.text) {
		z.message(r.line, 0, string(r.text))
		return
	}
	z.crashIn(r.line, string(r.text))
}

// crashIn keeps the crash a text reports, if any.
func (z *summarizer) crashIn(line int, text string) {
	c, panicked := crashText(text)
	if c == "" {
		return
	}
	k := crashDropped
	if len(z.sum.Crashes) >= MaxKept {
		z.sum.Dropped++
	} else {
		k = len(z.sum.Crashes)
		z.sum.Crashes = append(z.sum.Crashes, Located[string]{line, c})
	}
	if panicked {
		// Its stack is read whether the crash is kept or not, so that
		// what follows is read alike either way.
		z.crash, z.crashLines, z.crashLen = k, 0, len(c)
	}
}

// stack appends a text line that follows a panic to it, and reports
// whether the record was taken as part of the stack.
func (z *summarizer) stack(r *rec) bool {
	if r.kind != KindText && !(r.kind == KindLog && r.level == "error") || hasLogTime(r.text) {
		return false
	}
	// A line that reports a crash of its own ("Connection to server got
	// closed" after the panic) ends the stack.
	if own, _ := crashText(string(r.text)); own != "" {
		return false
	}
	if z.crashLines >= 64 || z.crashLen+len(r.text) >= maxCrash {
		return false
	}
	if z.crash != crashDropped {
		c := &z.sum.Crashes[z.crash].Value
		*c += "\n" + string(r.text)
	}
	z.crashLen += 1 + len(r.text)
	z.crashLines++
	return true
}

// crashText returns the crash a text reports, from its first line on;
// panicked is true for a Go panic, whose stack follows on the next lines.
func crashText(text string) (crash string, panicked bool) {
	for _, m := range crashMarkers {
		var k int
		if m == "panic: " || m == "fatal error: " {
			// Only at the start of a line: "stderr: panic: …" in a load
			// error is the go command's, not gopls's.
			k = lineStart(text, m)
			panicked = k >= 0
		} else {
			k = strings.Index(text, m)
		}
		if k < 0 {
			continue
		}
		start := strings.LastIndexByte(text[:k], '\n') + 1
		c := text[start:]
		if len(c) > maxCrash {
			c = c[:maxCrash]
		}
		return c, panicked
	}
	return "", false
}

// lineStart returns the index of the first occurrence of m at the start
// of a line of text, or -1.
func lineStart(text, m string) int {
	for off := 0; ; {
		k := strings.Index(text[off:], m)
		if k < 0 {
			return -1
		}
		if k += off; k == 0 || text[k-1] == '\n' {
			return k
		}
		off = k + 1
	}
}

var crashMarkers = []string{
	"panic: ", "fatal error: ", "A bug occurred on the server",
	"Connection to server got closed", "Server process exited with code", "Server initialization failed",
}
