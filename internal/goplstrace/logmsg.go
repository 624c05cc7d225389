package goplstrace

import (
	"strconv"
	"strings"
)

// LogMessage is one of gopls's log events, as its printer writes them
// (internal/event/export/printer.go):
//
//	2026/11/22 01:18:38 go/packages.Load #1: err: exit status 1: …
//		view_id="1"
//		duration=36.376321ms
type LogMessage struct {
	// Type is the window/logMessage type (1 error, 2 warning, 3 info,
	// 4 log); 0 when the message came without one.
	Type int
	// Time is "2026/11/22 01:18:38" when the message starts with it.
	Time string
	// Message is the text before the labels: "msg" or "msg: err", kept as
	// one string since either part may contain ": ".
	Message string
	// Labels are the "\n\tkey=value" lines, in order; quoted values are
	// Go-unquoted.
	Labels []Label
}

// Label is one key=value line of a log message.
type Label struct{ Key, Value string }

// Label returns the value of the first label named key.
func (m LogMessage) Label(key string) (string, bool) {
	for _, l := range m.Labels {
		if l.Key == key {
			return l.Value, true
		}
	}
	return "", false
}

// ParseLogMessage splits a gopls log message into its time, message and
// labels. Any text is accepted: without a time or labels, all of it is the
// message.
func ParseLogMessage(text string) LogMessage {
	var m LogMessage
	text = strings.TrimRight(text, "\r\n")
	if hasLogTime(text) {
		m.Time, text = text[:19], text[20:]
	}
	// Labels come last. An error message may itself contain "\n\t" lines
	// (the go command's stderr), so the labels are the longest tail of
	// lines each of which is a "\tkey=" line or continues the value above
	// (gopls's env dump spans two lines: "GoVersionOutput:go version …\n
	// ExplicitGOWORK:…").
	lines := strings.Split(text, "\n")
	start, pending := len(lines), 0
	for i := len(lines) - 1; i >= 1; i-- {
		l := strings.TrimRight(lines[i], "\r")
		if _, _, ok := labelLine(l); ok {
			start, pending = i, 0
			continue
		}
		if l != "" && l[0] != '\t' && pending < 4 {
			pending++ // perhaps the value of a label above
			continue
		}
		break
	}
	m.Message = strings.TrimRight(strings.Join(lines[:start], "\n"), "\r\n")
	for _, l := range lines[start:] {
		l = strings.TrimRight(l, "\r")
		if k, v, ok := labelLine(l); ok {
			m.Labels = append(m.Labels, Label{Key: k, Value: v})
		} else if n := len(m.Labels); n > 0 {
			m.Labels[n-1].Value += "\n" + l
		}
	}
	for i, l := range m.Labels {
		if len(l.Value) > 1 && l.Value[0] == '"' {
			if u, err := strconv.Unquote(l.Value); err == nil {
				m.Labels[i].Value = u
			}
		}
	}
	return m
}

// labelLine splits "\tkey=value". Keys are identifiers, which keeps the go
// command's indented error lines ("\tgolang.org/x/mod@v0.20.0: …",
// "\tTo ignore the vendor directory, use -mod=readonly") out.
func labelLine(l string) (key, value string, ok bool) {
	if len(l) < 3 || l[0] != '\t' {
		return "", "", false
	}
	eq := strings.IndexByte(l, '=')
	if eq < 2 {
		return "", "", false
	}
	key = l[1:eq]
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && (isDigit(c) || c == '.'):
		default:
			return "", "", false
		}
	}
	return key, l[eq+1:], true
}
