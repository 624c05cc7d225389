package lspdriver

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// tailSize is how much of the server's stderr an error quotes.
const tailSize = 2048

// tail passes the server's stderr on and keeps its end, so an error about
// a dead server can say why it died.
type tail struct {
	w io.Writer // nil: discard

	mu  sync.Mutex
	buf []byte
}

// Write never fails: if the caller's writer did, the copy into it would
// stop and the server could block or die on a full stderr pipe.
func (t *tail) Write(p []byte) (int, error) {
	if t.w != nil {
		_, _ = t.w.Write(p) // errors ignored: see above
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*tailSize { // trim now and then, not on every write
		t.buf = bytes.Clone(t.buf[len(t.buf)-tailSize:])
	}
	return len(p), nil
}

// suffix is the tail formatted to end an error message, or "".
func (t *tail) suffix() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf
	if len(b) > tailSize {
		b = b[len(b)-tailSize:]
	}
	s := strings.TrimSpace(strings.ToValidUTF8(string(b), "?"))
	if s == "" {
		return ""
	}
	return "; stderr: " + s
}
