package goplstrace

import (
	"bytes"
	"encoding/binary"
)

// The fast path. A gopls -rpc.trace file, the usual gigabyte, is nothing
// but records of one form:
//
//	[Trace - 01:18:38.408 AM] Received notification 'window/logMessage'.
//	Params: {"type":3,"message":"…"}
//	(two blank lines)
//
// or, for a failed request, the header alone ("… in 0ms. Request failed:
// no views.") and the blank lines. Between records, with no record open,
// Summarize reads such records straight from the Scanner's read buffer:
// two IndexByte calls find a record's two lines, only the header is taken
// apart, and the data is handed to the summarizer where it lies, or not
// at all when the summarizer has no use for the record (a hover, a
// completion: most of a trace). Anything else, and a record that does
// not lie whole in the buffer, goes through Scan, line by line; the
// records read either way are the same (TestFastPathSame), and so are
// the summaries (TestSummarizeFastSame).

// clean reports whether no record is open and no line is waiting: the
// next line starts afresh, as the fast path requires.
func (s *Scanner) clean() bool {
	return !s.cur.open && !s.hasPend && !s.done && s.lines > 0
}

// buffered returns the bytes not yet scanned that can be looked at
// without reading: all the rest of an input in memory.
func (s *Scanner) buffered() []byte {
	if s.mem != nil {
		// A window at a time, so that skip gives back what was read.
		b := s.mem.part()[s.consumed:]
		return b[:min(len(b), memWindow)]
	}
	b, _ := s.r.Peek(s.r.Buffered())
	return b
}

// skip passes over n bytes of buffered(), which the fast path has read.
func (s *Scanner) skip(n int) {
	if s.mem != nil && n > s.r.Buffered() {
		// Past what r holds: r reads on from there.
		s.r.Reset(bytes.NewReader(s.mem.part()[s.consumed+int64(n):]))
	} else {
		s.r.Discard(n)
	}
	s.consumed += int64(n)
	if s.mem != nil {
		s.mem.read(s.consumed)
	}
}

type fastResult uint8

const (
	fastNone    fastResult = iota // no record: Scan must read the next line
	fastRead                      // a record, in s.fast
	fastSkipped                   // a record nothing but its count matters to
)

// fastSkip is whether the fast path skips the records the summarizer has
// no use for (a variable so that tests can see every record).
var fastSkip = true

// wanted reports whether the summarizer looks into a record with this
// header: initialize, failed requests, and the notifications it keeps
// (in step with summarizer.record and summarizer.notification).
func (h *rpcHeader) wanted() bool {
	switch h.kind {
	case KindRequest:
		return string(h.method) == "initialize"
	case KindResponse:
		return h.hasErr || string(h.method) == "initialize"
	}
	switch string(h.method) {
	case "window/logMessage", "window/showMessage", "$/progress", "textDocument/publishDiagnostics", "textDocument/didOpen":
		return true
	}
	return false
}

// fastRecord reads, from b (the buffered input, at the start of a line,
// with s clean; at is its offset in the input), the blank lines that
// begin it and then a record, if it is a gopls trace record in the usual
// form and lies whole in b. It counts the lines it reads and returns how
// many bytes: the blank lines and the record, if any, which is then in
// s.fast, its slices pointing into b (unless it was not wanted, and only
// counted). A caller must Discard the bytes before the Scanner reads
// again.
func (s *Scanner) fastRecord(b []byte, at int64) (n int, res fastResult) {
	// Blank lines (the end of the previous record).
	for {
		if n < len(b) && b[n] == '\n' {
			n++
			s.lines++
			continue
		}
		if n+1 < len(b) && b[n] == '\r' && b[n+1] == '\n' {
			n += 2
			s.lines++
			continue
		}
		break
	}
	rest := b[n:]
	if len(rest) < len("[Trace - ") || string(rest[:len("[Trace - ")]) != "[Trace - " {
		return n, fastNone
	}
	k := bytes.IndexByte(rest, '\n')
	if k < 0 {
		return n, fastNone
	}
	line := trimCR(rest[:k])
	// parseBracket's reading of a "[Trace - " line, with the checks
	// startBracket makes: its time, up to a ']', has milliseconds.
	const t0 = len("[Trace - ")
	t1 := t0 + len("01:18:38.408 AM")
	if len(line) > t1+1 && line[t1] == ']' {
		// gopls's own layout, as the loop below would read it.
		a := binary.LittleEndian.Uint64(line[t0:])
		b := binary.LittleEndian.Uint64(line[t1-8:])
		if hasByte(a, ']') || hasByte(b, ']') || !hasByte(a, '.') && !hasByte(b, '.') {
			t1 = 0
		}
	} else {
		t1 = 0
	}
	if t1 == 0 {
		lim, dot := min(len(line), t0+maxTime), false
		for t1 = t0; t1 < lim && line[t1] != ']'; t1++ {
			dot = dot || line[t1] == '.'
		}
		if t1 == lim || t1 == t0 || !dot {
			return n, fastNone
		}
	}
	if t1+1 >= len(line) || line[t1+1] != ' ' {
		return n, fastNone
	}
	tm := line[t0:t1]
	var h rpcHeader
	if !h.parse(line[t1+2:]) {
		return n, fastNone
	}
	next := rest[k+1:]
	m := bytes.IndexByte(next, '\n')
	if m < 0 {
		return n, fastNone
	}
	l2 := trimCR(next[:m])
	var (
		data   []byte
		dataAt int64
	)
	if h.hasErr {
		// A failed request: its blank line ends it. (Anything else may
		// continue its message.)
		if !isBlank(l2) {
			return n, fastNone
		}
	} else {
		// dataLine, spelled out; d0 is where data starts in l2.
		d0 := 0
		switch {
		case len(l2) >= len("Params:") && (string(l2[:len("Params:")]) == "Params:" || string(l2[:len("Result:")]) == "Result:"):
			d0 = len("Params:")
		case len(l2) >= len("Error data:") && string(l2[:len("Error data:")]) == "Error data:":
			d0 = len("Error data:")
		default:
			return n, fastNone
		}
		if d0 < len(l2) && l2[d0] == ' ' {
			d0++
		}
		data, dataAt = l2[d0:], at+int64(n+k+1+d0)
		if len(data) > 0 && (data[len(data)-1] == '{' || data[len(data)-1] == '[') {
			return n, fastNone
		}
	}

	s.counts[cGopls]++
	if fastSkip && !h.wanted() {
		// A record the summary has no use for: only a request's id is
		// remembered, as pair would.
		if h.kind == KindRequest && len(h.id) > 0 {
			s.request(h.received, h.id, h.method)
		}
		s.lines += 2
		return n + k + 1 + m + 1, fastSkipped
	}

	// The record, as start, startRPC, rpcLine and flush would make it,
	// in a rec of its own whose slices point into b: nothing is copied.
	// Every field is set (TestFastPathSame checks that none is forgotten).
	r := &s.fast
	r.open, r.mode, r.embedded, r.goplsStyle, r.vlogErr, r.lastNL = true, modeRPC, false, true, false, true
	r.line = s.lines + 1
	r.endLine = r.line
	r.kind, r.received, r.latency = h.kind, h.received, h.latency
	r.method, r.id, r.time = h.method, h.id, tm
	r.bodyBuf, r.level, r.text, r.textCut = nil, "", nil, false
	r.unresolved, r.resDir, r.resID, r.resKey = false, 0, 0, ""
	r.bodyAt, r.bodyIn = dataAt, !h.hasErr
	if h.hasErr {
		r.hasErr, r.errDot = true, true
		r.err = trimErr(h.err[:min(len(h.err), MaxBody)])
		r.body, r.hasBody, r.state, r.bodyCut = nil, false, bodyNone, false
	} else {
		r.hasErr, r.errDot, r.err = false, false, nil
		r.endLine++
		r.hasBody, r.bodyCut = len(data) > 0, false
		if len(data) > MaxBody {
			data = data[:MaxBody]
			r.bodyCut = true
		}
		r.body, r.state = data, bodyDone
	}
	s.pair(r)
	s.lines += 2
	return n + k + 1 + m + 1, fastRead
}

func trimCR(l []byte) []byte {
	for len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	return l
}

// hasByte reports whether any of the eight bytes of x is c.
func hasByte(x uint64, c byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	v := x ^ ones*uint64(c)
	return (v-ones)&^v&highs != 0
}
