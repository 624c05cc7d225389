package goplstrace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// Scanner reads records from a trace or log, one at a time, in memory that
// does not grow with the input: lines are read from a fixed buffer, and
// each record is assembled in buffers the Scanner reuses, capped at
// MaxBody. Formats are recognised line by line, so files that mix them
// (a VS Code channel with gopls's stderr appended) read as well as pure ones.
type Scanner struct {
	r     *bufio.Reader
	err   error
	done  bool // the reader is exhausted (or failed)
	lines int

	long    []byte // a line longer than r's buffer, capped at maxLine
	lineCut bool   // the current line was longer than maxLine

	// A line that ended the record before it, to be fed again by the next
	// Scan; it still points into r's buffer, which nothing reads meanwhile.
	pend     []byte
	pendNL   bool
	pendNo   int
	pendCut  bool
	hasPend  bool
	cur, out rec
	// fast is the record the fast path read (fast.go), apart from the
	// others: its slices point into r's buffer, and must never be
	// appended to.
	fast rec

	intern map[string]string
	// Recent requests by id, to name the method of an old-style error
	// response ("[Error - Received] … #2 no views"), which gives only the
	// id: per direction, numeric ids (all of gopls's and VS Code's) in a
	// table indexed by the id, others in a map.
	reqs  [2][recentReqs]recentReq
	other map[string]string
	// otherReset is set once other was emptied for being full: from then
	// on, an id missing from it may have been forgotten.
	otherReset bool

	counts    [nCounts]int
	truncated bool

	// consumed counts the bytes taken from r: where, in the input, the
	// bytes r holds begin.
	consumed int64
	// mem is the whole input when it lies in memory (a mapped file), r
	// reading it from its start: the fast path reads it where it lies.
	mem *mapped
}

// Format-evidence counters, one per record start.
const (
	cGopls  = iota // gopls's own trace records (ms times, old error lines)
	cLegacy        // VS Code ≤ 9 channel lines and client trace records
	cVLog          // VS Code ≥ 10 log lines
	cStderr        // text gopls or the Go runtime writes to stderr
	cText          // anything else
	nCounts
)

// readBuf is the size of the read buffer; longer lines are assembled in
// a buffer of their own. (A variable so that fuzzing can make every line
// long.)
var readBuf = 256 << 10

// maxLine caps the bytes kept of one line: a body of MaxBody plus its
// "Params: " or a header.
const maxLine = MaxBody + 4096

// recentReqs is how many of the last requests of each direction are
// remembered: ids count up, so a response finds its request unless more
// than this many were sent in between.
const recentReqs = 1024

// maxOther bounds the map of non-numeric request ids: requests that are
// never answered must not accumulate over a gigabyte trace.
const maxOther = 1 << 12

type recentReq struct {
	id     int64
	method string
}

// bodyState tracks a record's Params/Result data.
type bodyState uint8

const (
	bodyNone  bodyState = iota // no data line yet
	bodyDone                   // complete (single line, closed, or "No result returned.")
	bodyMulti                  // a multi-line (VS Code pretty-printed) value still open
)

type recMode uint8

const (
	modeRPC       recMode = iota + 1 // a JSON-RPC record: data lines until a blank line
	modeLog                          // a channel line: continuation lines until the next prefix
	modeStderrLog                    // a gopls log line on stderr: "\t" label lines follow
)

// rec is a record under construction. Its slices are the Scanner's
// buffers, reused from record to record.
type rec struct {
	open       bool
	mode       recMode
	embedded   bool // a gopls record carried by VS Code ≥ 10 "[error]" lines
	goplsStyle bool // written by gopls itself, whose records always carry data
	vlogErr    bool // an "[error]" line of a VS Code ≥ 10 channel: "\t" lines may follow as further "[error]" lines
	lastNL     bool

	line, endLine int
	kind          Kind
	received      bool
	method, id    []byte
	time          []byte
	latency       int
	body          []byte // the data: bodyBuf, or the line itself while it is valid
	bodyBuf       []byte
	hasBody       bool
	state         bodyState
	bodyCut       bool
	hasErr        bool
	errDot        bool // the error is "Request failed: msg." and ends with "."
	err           []byte
	level         string
	text          []byte
	textCut       bool

	// unresolved marks a response that gives only an id that no request
	// seen by this Scanner had (its slot of reqs never filled, or, for
	// another id, other never emptied): a Scanner reading the file from
	// the middle leaves it to the part before (see part.absorb).
	unresolved bool
	resDir     int
	resID      int64
	resKey     string // for an id that is not a number

	// bodyAt is where body lies in the input, when bodyIn (records of the
	// fast path, whose body is the input itself).
	bodyAt int64
	bodyIn bool
}

func (r *rec) reset() {
	*r = rec{
		method: r.method[:0], id: r.id[:0], time: r.time[:0],
		bodyBuf: r.bodyBuf[:0], err: r.err[:0], text: r.text[:0],
		latency: -1,
	}
}

// appendCapped appends src to dst without letting dst exceed MaxBody.
func appendCapped(dst, src []byte, cut *bool) []byte {
	if room := MaxBody - len(dst); len(src) > room {
		src = src[:max(room, 0)]
		*cut = true
	}
	return append(dst, src...)
}

// NewScanner returns a Scanner reading r.
func NewScanner(r io.Reader) *Scanner {
	s := &Scanner{
		r:      bufio.NewReaderSize(r, readBuf),
		intern: make(map[string]string),
	}
	s.cur.latency, s.out.latency = -1, -1
	return s
}

// Scan advances to the next record; it returns false at the end of the
// input or on a read error (see Err).
func (s *Scanner) Scan() bool {
	s.out.open = false
	for {
		var (
			l      []byte
			nl     bool
			lineNo int
		)
		if s.hasPend {
			s.hasPend = false
			l, nl, lineNo, s.lineCut = s.pend, s.pendNL, s.pendNo, s.pendCut
		} else {
			var ok bool
			l, nl, ok = s.readLine()
			if !ok {
				if s.cur.open {
					s.truncated = s.truncated || s.cur.incomplete()
					s.flush()
					return true
				}
				return false
			}
			lineNo = s.lines
			if !nl && len(l) > 0 && l[0] == '[' {
				// The file ends inside a line that was to be a record header.
				if _, ok := parseBracket(l); !ok {
					s.truncated = true
				}
			}
		}
		if s.feed(l, nl, lineNo) {
			return true
		}
	}
}

// Record returns the current record. Its slices and strings are its own:
// it stays valid after the next Scan.
func (s *Scanner) Record() Record {
	r := &s.out
	rec := Record{
		Line: r.line, EndLine: r.endLine, Kind: r.kind, Received: r.received,
		Method: s.str(r.method), ID: string(r.id), LatencyMs: r.latency,
		Time: string(r.time), BodyTruncated: r.bodyCut, Err: string(r.err),
		Level: r.level, Text: string(r.text),
	}
	if r.hasBody {
		rec.Body = bytes.Clone(r.body)
		if rec.Body == nil {
			rec.Body = []byte{}
		}
	}
	return rec
}

// Err returns the read error that stopped the Scanner, if any; a format
// problem is never an error.
func (s *Scanner) Err() error { return s.err }

// Lines returns how many lines have been read.
func (s *Scanner) Lines() int { return s.lines }

// Format returns the dominant format seen so far. A VS Code channel wins
// over gopls's trace records, which it carries; between the two VS Code
// formats the one with more lines wins.
func (s *Scanner) Format() Format { return formatOf(s.counts) }

func formatOf(c [nCounts]int) Format {
	switch {
	case c[cVLog] > 0 && c[cVLog] >= c[cLegacy]:
		return FormatVSCodeLog
	case c[cLegacy] > 0:
		return FormatVSCodeLegacy
	case c[cGopls] > 0 && c[cStderr] > 0:
		return FormatStderr
	case c[cGopls] > 0:
		return FormatRPCTrace
	case c[cStderr] > 0:
		return FormatStderr
	}
	return FormatUnknown
}

// str interns method names: a trace has a few dozen, repeated millions of times.
func (s *Scanner) str(b []byte) string {
	if v, ok := s.intern[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.intern) < 1024 {
		s.intern[v] = v
	}
	return v
}

// readLine returns the next line without its line ending; nl reports
// whether it had one (only the last line of a file may not).
func (s *Scanner) readLine() (line []byte, nl, ok bool) {
	if s.done {
		return nil, false, false
	}
	s.lineCut = false
	b, err := s.r.ReadSlice('\n')
	s.consumed += int64(len(b))
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = s.r.ReadSlice('\n')
			s.consumed += int64(len(b))
			if room := maxLine - len(s.long); len(b) > room {
				s.long = append(s.long, b[:room]...)
				s.lineCut = true
				if len(b) > 0 && b[len(b)-1] == '\n' {
					s.long = append(s.long, '\n') // keep the line's ending
				}
			} else {
				s.long = append(s.long, b...)
			}
		}
		b = s.long
	}
	if err != nil {
		s.done = true
		if err != io.EOF {
			s.err = err
		}
		if len(b) == 0 {
			return nil, false, false
		}
	}
	s.lines++
	if nl = b[len(b)-1] == '\n'; nl {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	if s.lines == 1 {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	return b, nl, true
}

// feed gives one line to the record under construction, or starts a new
// one. It returns true when s.out holds a finished record; the line may
// then be kept to be fed again.
func (s *Scanner) feed(l []byte, nl bool, no int) bool {
	if s.cur.open {
		switch s.continueRecord(l) {
		case absorbed:
			if !isBlank(l) {
				s.cur.endLine = no
			}
			s.cur.lastNL = nl
			return false
		case ended:
			s.flush()
			return true
		case complete:
			s.cur.endLine, s.cur.lastNL = no, nl
			if !nl {
				s.truncated = s.truncated || s.cur.incomplete()
			}
			s.flush()
			return true
		case endedBefore:
			s.pend, s.pendNL, s.pendNo, s.pendCut, s.hasPend = l, nl, no, s.lineCut, true
			s.flush()
			return true
		}
	}
	return s.start(l, nl, no)
}

type action uint8

const (
	absorbed    action = iota + 1 // the line belongs to the open record
	ended                         // the line ends the open record (a terminating blank line)
	endedBefore                   // the open record ended before this line
	complete                      // the line belongs to the open record, which it completes
)

func (s *Scanner) continueRecord(l []byte) action {
	r := &s.cur
	switch r.mode {
	case modeRPC:
		if r.embedded {
			v, ok := parseVLog(l)
			if !ok || v.level != "error" {
				return endedBefore
			}
			if len(v.content) > 0 && v.content[0] == '[' {
				if _, ok := parseBracket(v.content); ok {
					return endedBefore
				}
			}
			return s.rpcLine(v.content, true)
		}
		return s.rpcLine(l, false)
	case modeLog:
		if r.vlogErr {
			// VS Code ≥ 10 prefixes each stderr line: a gopls label or a
			// stack frame ("\t…") continues the "[error]" line before it.
			if v, ok := parseVLog(l); ok {
				if v.level == "error" && len(v.content) > 0 && v.content[0] == '\t' {
					r.text = appendCapped(r.text, []byte("\n"), &r.textCut)
					r.text = appendCapped(r.text, v.content, &r.textCut)
					return absorbed
				}
				return endedBefore
			}
		}
		if len(l) > 0 && (l[0] == '[' || isDigit(l[0]) || l[0] == 'p' || l[0] == 'f') {
			if _, ok := parseBracket(l); ok {
				return endedBefore
			}
			if _, ok := parseVLog(l); ok {
				return endedBefore
			}
			if breaksLog(l) {
				return endedBefore
			}
		}
		r.text = appendCapped(r.text, []byte("\n"), &r.textCut)
		r.text = appendCapped(r.text, l, &r.textCut)
		if s.lineCut {
			r.textCut = true
		}
		return absorbed
	case modeStderrLog:
		if len(l) > 0 && l[0] == '\t' {
			r.text = appendCapped(r.text, []byte("\n"), &r.textCut)
			r.text = appendCapped(r.text, l, &r.textCut)
			return absorbed
		}
		return endedBefore
	}
	return endedBefore
}

// rpcLine handles a line following a JSON-RPC record's header: its data,
// the rest of a multi-line error message, or what ends it.
func (s *Scanner) rpcLine(l []byte, embedded bool) action {
	r := &s.cur
	if isBlank(l) {
		return ended
	}
	if !embedded && startsRecord(l) {
		return endedBefore
	}
	switch r.state {
	case bodyMulti:
		r.bodyBuf = appendCapped(r.bodyBuf, []byte("\n"), &r.bodyCut)
		r.bodyBuf = appendCapped(r.bodyBuf, l, &r.bodyCut)
		r.body = r.bodyBuf
		if s.lineCut {
			r.bodyCut = true
		}
		// vscode-jsonrpc indents the value; only its closing bracket
		// starts a line.
		if l[0] == '}' || l[0] == ']' {
			r.state = bodyDone
		}
		return absorbed
	case bodyNone:
		if d, ok := dataLine(l); ok {
			r.hasBody = len(d) > 0
			if len(d) > MaxBody {
				d = d[:MaxBody]
				r.bodyCut = true
			}
			if s.lineCut {
				r.bodyCut = true
			}
			r.state = bodyDone
			if n := len(d); n > 0 && (d[n-1] == '{' || d[n-1] == '[') && !r.bodyCut {
				r.state = bodyMulti
			} else if r.goplsStyle {
				// gopls writes its data on one line: the record is whole,
				// and its data is read where it lies, before the next read.
				r.body = d
				return complete
			}
			r.bodyBuf = append(r.bodyBuf[:0], d...)
			r.body = r.bodyBuf
			return absorbed
		}
		if noData(l) {
			r.state = bodyDone
			return absorbed
		}
		if r.hasErr && !breaksLog(l) {
			// An error message with newlines continues on the next lines.
			r.err = appendCapped(r.err, []byte("\n"), new(bool))
			r.err = appendCapped(r.err, l, new(bool))
			return absorbed
		}
	}
	return endedBefore
}

// startsRecord reports a line that begins a record of its own.
func startsRecord(l []byte) bool {
	if len(l) == 0 {
		return false
	}
	if l[0] == '[' {
		_, ok := parseBracket(l)
		return ok
	}
	if isDigit(l[0]) {
		_, ok := parseVLog(l)
		return ok
	}
	return false
}

// start begins a record with line l. It returns true when the record is
// a single line (plain text) and is already finished.
func (s *Scanner) start(l []byte, nl bool, no int) bool {
	if isBlank(l) {
		return false
	}
	r := &s.cur
	r.reset()
	r.open, r.line, r.endLine, r.lastNL = true, no, no, nl
	if l[0] == '[' {
		if b, ok := parseBracket(l); ok {
			s.startBracket(b, false)
			return false
		}
	}
	if isDigit(l[0]) {
		if v, ok := parseVLog(l); ok {
			s.counts[cVLog]++
			if isBlank(v.content) {
				r.open = false // an empty stderr line: nothing to report
				return false
			}
			if v.level == "error" && len(v.content) > 0 && v.content[0] == '[' {
				// gopls's stderr, one "[error]" line per line of it.
				if b, ok := parseBracket(v.content); ok && s.startBracket(b, true) {
					return false
				}
				r.reset()
				r.open, r.line, r.endLine, r.lastNL = true, no, no, nl
			}
			if h, ok := parseHeader(v.content); ok {
				// The client's own trace (level Trace): data follows on
				// unprefixed lines.
				s.startRPC(h, v.time)
				return false
			}
			r.mode, r.kind, r.level = modeLog, KindLog, v.level
			r.vlogErr = v.level == "error"
			r.time = append(r.time, v.time...)
			r.text = appendCapped(r.text, v.content, &r.textCut)
			return false
		}
	}
	if hasLogTime(l) {
		s.counts[cStderr]++
		r.mode, r.kind = modeStderrLog, KindText
		r.text = appendCapped(r.text, l, &r.textCut)
		return false
	}
	if looksLikeStderr(l) {
		s.counts[cStderr]++
	} else {
		s.counts[cText]++
	}
	r.kind = KindText
	r.text = appendCapped(r.text, l, &r.textCut)
	if s.lineCut {
		r.textCut = true
	}
	s.flush()
	return true
}

// startBracket begins a record from a "[Level - time] …" line. When the
// line came inside a VS Code ≥ 10 "[error]" line (embedded), only gopls
// trace records are accepted; it reports whether it began one.
func (s *Scanner) startBracket(b bracketLine, embedded bool) bool {
	r := &s.cur
	switch {
	case b.word == "Trace":
		if h, ok := parseHeader(b.content); ok {
			gopls := bytes.IndexByte(b.time, '.') >= 0 // VS Code's locale times have no milliseconds
			switch {
			case embedded: // counted as a VS Code line already
			case gopls:
				s.counts[cGopls]++
			default:
				s.counts[cLegacy]++
			}
			s.startRPC(h, b.time)
			r.embedded, r.goplsStyle = embedded, gopls
			return true
		}
	case b.word == "Error":
		if received, tm, id, msg, ok := oldError(b); ok {
			if !embedded {
				s.counts[cGopls]++
			}
			r.mode, r.kind, r.received = modeRPC, KindResponse, received
			r.embedded, r.goplsStyle = embedded, true
			r.time = append(r.time, tm...)
			r.id = append(r.id, id...)
			r.hasErr = true
			r.err = appendCapped(r.err, msg, new(bool))
			r.state = bodyDone // these lines never have data
			return true
		}
	}
	if embedded {
		return false
	}
	s.counts[cLegacy]++
	r.mode, r.kind, r.level = modeLog, KindLog, b.level
	r.time = append(r.time, b.time...)
	r.text = appendCapped(r.text, b.content, &r.textCut)
	return true
}

func (s *Scanner) startRPC(h rpcHeader, tm []byte) {
	r := &s.cur
	r.mode, r.kind, r.received, r.latency = modeRPC, h.kind, h.received, h.latency
	r.method = append(r.method, h.method...)
	r.id = append(r.id, h.id...)
	r.time = append(r.time, tm...)
	if h.hasErr {
		r.hasErr, r.errDot = true, true
		r.err = appendCapped(r.err, h.err, new(bool))
	}
}

// incomplete reports whether the open record, at the end of the input,
// was cut off in the middle.
func (r *rec) incomplete() bool {
	switch r.mode {
	case modeRPC:
		switch {
		case r.state == bodyMulti:
			return true
		case r.goplsStyle && r.state == bodyNone && !r.hasErr:
			return true // gopls writes a record's header and data at once
		case r.hasBody && !r.lastNL && !r.bodyCut:
			return !json.Valid(r.body)
		case r.errDot && !r.lastNL:
			return !bytes.HasSuffix(r.err, []byte("."))
		}
	case modeLog:
		// A trace header cut before its end reads as a plain message.
		return !r.lastNL && r.level == "trace"
	}
	return false
}

// flush finishes the open record and makes it the current one.
func (s *Scanner) flush() {
	r := &s.cur
	if r.hasErr {
		r.err = trimErr(r.err)
	}
	if r.kind == KindLog || r.kind == KindText {
		r.text = bytes.TrimRight(r.text, " \t\r\n")
	}
	if r.mode == modeRPC {
		s.pair(r)
	}
	s.cur, s.out = s.out, s.cur
	s.cur.reset()
	s.out.open = true
}

// pair remembers requests, and names the method of a response that gives
// only its id.
func (s *Scanner) pair(r *rec) {
	if len(r.id) == 0 || r.kind != KindRequest && (r.kind != KindResponse || len(r.method) > 0) {
		return
	}
	if r.kind == KindRequest {
		s.request(r.received, r.id, r.method)
		return
	}
	// Requests the client sent are answered by responses it received.
	dir := 0
	if !r.received {
		dir = 1
	}
	id, m := leadingInt(r.id)
	if m == len(r.id) && m < 12 {
		e := &s.reqs[dir][id%recentReqs]
		switch {
		case e.id == int64(id) && e.method != "":
			r.method = append(r.method, e.method...)
		case e.method == "":
			r.unresolved, r.resDir, r.resID = true, dir, int64(id)
		}
		return
	}
	key := string(rune('0'+dir)) + string(r.id)
	if method, ok := s.other[key]; ok {
		r.method = append(r.method, method...)
	} else if !s.otherReset {
		r.unresolved, r.resDir, r.resKey = true, dir, key
	}
}

// request remembers the method of a request with a (non-empty) id.
func (s *Scanner) request(received bool, id, method []byte) {
	dir := 0
	if received {
		dir = 1
	}
	n, m := leadingInt(id)
	if m == len(id) && m < 12 {
		e := &s.reqs[dir][n%recentReqs]
		if e.method != string(method) { // the same method, often: no need to intern it
			e.method = s.str(method)
		}
		e.id = int64(n)
		return
	}
	if s.other == nil || len(s.other) >= maxOther {
		if s.other != nil {
			s.otherReset = true
		}
		s.other = make(map[string]string)
	}
	s.other[string(rune('0'+dir))+string(id)] = s.str(method)
}

// trimErr removes what the trace line adds around an error message: the
// final "." and a " (code)" before it.
func trimErr(e []byte) []byte {
	e = bytes.TrimRight(e, " \r\n")
	if len(e) > 0 && e[len(e)-1] == '.' {
		t := e[:len(e)-1]
		if n := len(t); n > 0 && t[n-1] == ')' {
			if k := bytes.LastIndex(t, []byte(" (")); k >= 0 && isCode(t[k+2:n-1]) {
				t = t[:k]
			}
		}
		e = t
	}
	return e
}

func isCode(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	_, m := leadingInt(b)
	return len(b) > 0 && m == len(b)
}
