package goplstrace

import "bytes"

// Line grammar. Every function here looks at bytes only (no regexp): the
// scanner calls them once or twice per line of files that run to
// gigabytes.

// bracketLine is "[Level - time] content", the prefix of gopls's own trace
// records and of the VS Code ≤ 9 channel lines.
type bracketLine struct {
	word    string // "Trace", "Info", "Warn", "Error", "Debug" as written
	level   string // lower-case, "warning" for "Warn"
	time    []byte
	content []byte
}

// maxTime bounds the time text between "- " and "]": locales write long
// times, but a bracket much further away belongs to the message.
const maxTime = 64

func parseBracket(l []byte) (bracketLine, bool) {
	var b bracketLine
	if len(l) < 2 || l[0] != '[' {
		return b, false
	}
	j := 0
	if len(l) >= len("[Trace - ") && string(l[:len("[Trace - ")]) == "[Trace - " {
		// gopls's records, every one of them: no need to look further.
		b.word, b.level = "Trace", "trace"
		j = len("[Trace - ")
	} else {
		i := 1
		for i < len(l) && i < 10 && ('a' <= l[i] && l[i] <= 'z' || 'A' <= l[i] && l[i] <= 'Z') {
			i++
		}
		switch string(l[1:i]) {
		case "Trace":
			b.word, b.level = "Trace", "trace"
		case "Info":
			b.word, b.level = "Info", "info"
		case "Warn", "Warning":
			b.word, b.level = "Warn", "warning"
		case "Error":
			b.word, b.level = "Error", "error"
		case "Debug":
			b.word, b.level = "Debug", "debug"
		default:
			return b, false
		}
		j = i
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if j == i || j+1 >= len(l) || l[j] != '-' || l[j+1] != ' ' {
			return b, false
		}
		j += 2
	}
	end := bytes.IndexByte(l[j:min(len(l), j+maxTime)], ']')
	if end <= 0 {
		return b, false
	}
	b.time = l[j : j+end]
	content, ok := afterBracket(l[j+end+1:])
	if !ok {
		return b, false
	}
	b.content = content
	return b, true
}

// afterBracket is a line's message after its closing "]": nothing, or one
// space and the message. Anything else right after the "]" is no header.
func afterBracket(rest []byte) ([]byte, bool) {
	if len(rest) == 0 {
		return rest, true
	}
	if rest[0] != ' ' {
		return nil, false
	}
	return rest[1:], true
}

// vlogLine is a VS Code LogOutputChannel line (languageclient ≥ 10):
// "2026-08-20 10:11:12.345 [info] message".
type vlogLine struct {
	time    []byte
	level   string
	content []byte
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitsAt(l []byte, i, n int) bool {
	if i+n > len(l) {
		return false
	}
	for _, c := range l[i : i+n] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func parseVLog(l []byte) (vlogLine, bool) {
	var v vlogLine
	// YYYY-MM-DD HH:MM:SS
	if len(l) < 22 || !digitsAt(l, 0, 4) || l[4] != '-' || !digitsAt(l, 5, 2) || l[7] != '-' ||
		!digitsAt(l, 8, 2) || l[10] != ' ' || !digitsAt(l, 11, 2) || l[13] != ':' ||
		!digitsAt(l, 14, 2) || l[16] != ':' || !digitsAt(l, 17, 2) {
		return v, false
	}
	i := 19
	if i < len(l) && l[i] == '.' {
		i++
		for i < len(l) && isDigit(l[i]) {
			i++
		}
	}
	v.time = l[:i]
	if i+2 >= len(l) || l[i] != ' ' || l[i+1] != '[' {
		return v, false
	}
	i += 2
	end := bytes.IndexByte(l[i:min(len(l), i+10)], ']')
	if end <= 0 {
		return v, false
	}
	switch string(l[i : i+end]) {
	case "trace":
		v.level = "trace"
	case "debug":
		v.level = "debug"
	case "info":
		v.level = "info"
	case "warning", "warn":
		v.level = "warning"
	case "error":
		v.level = "error"
	default:
		return v, false
	}
	content, ok := afterBracket(l[i+end+1:])
	if !ok {
		return v, false
	}
	v.content = content
	return v, true
}

// hasLogTime reports whether s starts with the time gopls's log printer
// writes, "2006/01/02 15:04:05 ".
func hasLogTime[T string | []byte](s T) bool {
	if len(s) < 20 {
		return false
	}
	for i := 0; i < 19; i++ {
		c := s[i]
		switch i {
		case 4, 7:
			if c != '/' {
				return false
			}
		case 10:
			if c != ' ' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if !isDigit(c) {
				return false
			}
		}
	}
	return s[19] == ' '
}

// rpcHeader is the text of a JSON-RPC trace record after its time, in the
// grammar gopls and vscode-jsonrpc share:
//
//	Sending request 'initialize - (1)'.
//	Received notification 'window/logMessage'.
//	Received response 'initialize - (1)' in 15ms.
//	Received response 'textDocument/hover - (2)' in 0ms. Request failed: no views.
//	Sending response 'workspace/configuration - (2)'. Processing request took 1ms
type rpcHeader struct {
	kind     Kind
	received bool
	method   []byte
	id       []byte
	latency  int
	hasErr   bool
	err      []byte
}

func parseHeader(c []byte) (h rpcHeader, ok bool) {
	ok = h.parse(c)
	return h, ok
}

// parse reads c into h, every field of which it sets: the fast path
// calls it for every record of a trace, and a struct returned by value
// costs more than the parse.
func (h *rpcHeader) parse(c []byte) bool {
	// Byte comparisons with constant strings, which the compiler turns
	// into a few word compares.
	h.kind, h.received, h.method, h.id, h.latency, h.hasErr, h.err = 0, false, nil, nil, -1, false, nil
	switch {
	case len(c) >= len("Sending ") && string(c[:len("Sending ")]) == "Sending ":
		c = c[len("Sending "):]
	case len(c) >= len("Received ") && string(c[:len("Received ")]) == "Received ":
		h.received = true
		c = c[len("Received "):]
	default:
		return false
	}
	switch {
	case len(c) >= len("request '") && string(c[:len("request '")]) == "request '":
		h.kind = KindRequest
		c = c[len("request '"):]
	case len(c) >= len("notification '") && string(c[:len("notification '")]) == "notification '":
		h.kind = KindNotification
		c = c[len("notification '"):]
	case len(c) >= len("response '") && string(c[:len("response '")]) == "response '":
		h.kind = KindResponse
		c = c[len("response '"):]
	default:
		return false
	}
	q := bytes.IndexByte(c, '\'')
	if q <= 0 {
		return false
	}
	name, rest := c[:q], c[q+1:]
	h.method = name
	if h.kind != KindNotification && name[len(name)-1] == ')' {
		// The last " - (" (the id is short: it is near the end).
		for k := len(name) - 4; k > 0; k-- {
			if name[k] == ' ' && name[k+1] == '-' && name[k+2] == ' ' && name[k+3] == '(' {
				h.method, h.id = name[:k], name[k+4:len(name)-1]
				break
			}
		}
	}
	if len(rest) >= len(" in ") && string(rest[:len(" in ")]) == " in " {
		r := rest[len(" in "):]
		n, m := leadingInt(r)
		if m == 0 || len(r) < m+2 || r[m] != 'm' || r[m+1] != 's' {
			return false
		}
		h.latency = n
		rest = r[m+2:]
	}
	if len(rest) == 0 || rest[0] != '.' {
		return false
	}
	rest = rest[1:]
	if len(rest) == 0 {
		return true
	}
	const took, failed = " Processing request took ", " Request failed:"
	if len(rest) >= len(took) && string(rest[:len(took)]) == took {
		if n, m := leadingInt(rest[len(took):]); m > 0 {
			h.latency = n
		}
		return true
	}
	if len(rest) >= len(failed) && string(rest[:len(failed)]) == failed {
		r := rest[len(failed):]
		if len(r) > 0 && r[0] == ' ' {
			r = r[1:]
		}
		h.hasErr, h.err = true, r
	}
	return true
}

// leadingInt parses the decimal digits at the start of b; m is how many.
func leadingInt(b []byte) (n, m int) {
	for m < len(b) && isDigit(b[m]) && m < 12 {
		n = n*10 + int(b[m]-'0')
		m++
	}
	return n, m
}

// oldError parses the error records of gopls before v0.24 (after the
// "[Error - …]" prefix has been taken apart):
//
//	[Error - Received] 01:30:15.710 AM #2 no views           (v0.5–v0.23)
//	[Error - 16:21:32.906 PM] Received #2 getting file…      (before April 2020)
func oldError(b bracketLine) (received bool, tm, id, msg []byte, ok bool) {
	c := b.content
	switch string(b.time) {
	case "Received", "Sent":
		received = string(b.time) == "Received"
		k := bytes.Index(c, []byte(" #"))
		switch {
		case bytes.HasPrefix(c, []byte("#")):
			c = c[1:]
		case k >= 0:
			tm, c = c[:k], c[k+2:]
		default:
			return false, nil, nil, nil, false
		}
	default:
		switch {
		case bytes.HasPrefix(c, []byte("Received #")):
			received, c = true, c[len("Received #"):]
		case bytes.HasPrefix(c, []byte("Sent #")):
			c = c[len("Sent #"):]
		default:
			return false, nil, nil, nil, false
		}
		tm = b.time
	}
	sp := bytes.IndexByte(c, ' ')
	if sp < 0 {
		return received, tm, c, nil, true
	}
	return received, tm, c[:sp], c[sp+1:], true
}

// looksLikeStderr reports lines that gopls (or the Go runtime under it)
// writes to stderr, so that a file of them is recognised as gopls stderr
// rather than as arbitrary text.
func looksLikeStderr(l []byte) bool {
	for _, p := range stderrPrefixes {
		if bytes.HasPrefix(l, p) {
			return true
		}
	}
	return hasLogTime(l)
}

var stderrPrefixes = [][]byte{
	[]byte("panic: "), []byte("fatal error: "), []byte("goroutine "), []byte("runtime error: "),
	[]byte("A bug occurred on the server"), []byte("gopls: "), []byte("serve.go"),
}

// breaksLog reports a plain line that cannot continue a VS Code channel
// message: gopls's stderr is appended raw to that channel, and its log
// lines and panics must not be swallowed by the message before them.
func breaksLog(l []byte) bool {
	return hasLogTime(l) || bytes.HasPrefix(l, []byte("panic: ")) || bytes.HasPrefix(l, []byte("fatal error: "))
}

func isBlank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// dataLine splits the first line of a record's data: "Params: …",
// "Result: …", "Error data: …".
func dataLine(l []byte) ([]byte, bool) {
	for _, p := range dataPrefixes {
		if r, ok := bytes.CutPrefix(l, p); ok {
			if len(r) > 0 && r[0] == ' ' {
				r = r[1:]
			}
			return r, true
		}
	}
	return nil, false
}

var dataPrefixes = [][]byte{[]byte("Params:"), []byte("Result:"), []byte("Error data:")}

// noData is what vscode-jsonrpc writes instead of absent data.
func noData(l []byte) bool {
	return string(l) == "No parameters provided." || string(l) == "No result returned."
}
