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
// apart, and the data is handed to the summarizer where it lies. Anything
// else, and any record that does not lie whole in the buffer, goes
// through Scan, line by line; the records read either way are the same
// (TestFastPathSame).

// clean reports whether no record is open and no line is waiting: the
// next line starts afresh, as the fast path requires.
func (s *Scanner) clean() bool {
	return !s.cur.open && !s.hasPend && !s.done && s.lines > 0
}

// buffered returns the bytes read but not yet scanned.
func (s *Scanner) buffered() []byte {
	b, _ := s.r.Peek(s.r.Buffered())
	return b
}

// fastRecord reads, from b (the buffered input, at the start of a line,
// with s clean), the blank lines that begin it and then a record, if it
// is a gopls trace record in the usual form and lies whole in b. It
// counts the lines it reads and returns how many bytes: the blank lines
// and, when ok, the record, which is then in s.out, finished. A caller
// must Discard the bytes before the Scanner reads again.
func (s *Scanner) fastRecord(b []byte) (n int, ok bool) {
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
		return n, false
	}
	k := bytes.IndexByte(rest, '\n')
	if k < 0 {
		return n, false
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
			return n, false
		}
	}
	if t1+1 >= len(line) || line[t1+1] != ' ' {
		return n, false
	}
	tm := line[t0:t1]
	var h rpcHeader
	if !h.parse(line[t1+2:]) {
		return n, false
	}
	next := rest[k+1:]
	m := bytes.IndexByte(next, '\n')
	if m < 0 {
		return n, false
	}
	l2 := trimCR(next[:m])
	var data []byte
	if h.hasErr {
		// A failed request: its blank line ends it. (Anything else may
		// continue its message.)
		if !isBlank(l2) {
			return n, false
		}
	} else {
		// dataLine, spelled out.
		switch {
		case len(l2) >= len("Params:") && (string(l2[:len("Params:")]) == "Params:" || string(l2[:len("Result:")]) == "Result:"):
			data = l2[len("Params:"):]
		case len(l2) >= len("Error data:") && string(l2[:len("Error data:")]) == "Error data:":
			data = l2[len("Error data:"):]
		default:
			return n, false
		}
		if len(data) > 0 && data[0] == ' ' {
			data = data[1:]
		}
		if len(data) > 0 && (data[len(data)-1] == '{' || data[len(data)-1] == '[') {
			return n, false
		}
	}

	// The record, as start, startRPC, rpcLine and flush would make it.
	// Every field is set here rather than by reset, whose copy of the
	// whole struct costs more than the rest (TestFastPathSame checks that
	// none is forgotten).
	r := &s.out
	s.counts[cGopls]++
	r.open, r.mode, r.embedded, r.goplsStyle, r.vlogErr, r.lastNL = true, modeRPC, false, true, false, true
	r.line = s.lines + 1
	r.endLine = r.line
	r.kind, r.received, r.latency = h.kind, h.received, h.latency
	r.method = append(r.method[:0], h.method...)
	r.id = append(r.id[:0], h.id...)
	r.time = append(r.time[:0], tm...)
	r.bodyBuf = r.bodyBuf[:0]
	r.level, r.text, r.textCut = "", r.text[:0], false
	r.unresolved, r.resDir, r.resID, r.resKey = false, 0, 0, ""
	r.err = r.err[:0]
	if h.hasErr {
		r.hasErr, r.errDot = true, true
		r.err = appendCapped(r.err, h.err, new(bool))
		r.err = trimErr(r.err)
		r.body, r.hasBody, r.state, r.bodyCut = nil, false, bodyNone, false
	} else {
		r.hasErr, r.errDot = false, false
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
	return n + k + 1 + m + 1, true
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
