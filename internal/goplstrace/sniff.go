package goplstrace

import "bytes"

// LooksLikeTrace reports whether the start of a file looks like a gopls
// trace or log in one of the formats Scanner reads: the editor shows
// diagnostics on an open file only when it does, so a build log or a
// README is never taken for one.
func LooksLikeTrace(head []byte) bool {
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimRight(line, "\r")
		switch {
		case bytes.HasPrefix(line, []byte("[Trace - ")),
			bytes.HasPrefix(line, []byte("[Info  - ")),
			bytes.HasPrefix(line, []byte("[Warn  - ")),
			bytes.HasPrefix(line, []byte("[Error - ")),
			bytes.HasPrefix(line, []byte("[Debug - ")):
			return true
		}
		if v, ok := parseVLog(line); ok && len(v.content) > 0 {
			msg := v.content
			// A VS Code log channel: gopls's own log lines or the
			// language client's trace.
			if hasLogTime(msg) || bytes.HasPrefix(msg, []byte("[Trace - ")) ||
				bytes.HasPrefix(msg, []byte("Sending ")) || bytes.HasPrefix(msg, []byte("Received ")) {
				return true
			}
		}
	}
	return false
}
