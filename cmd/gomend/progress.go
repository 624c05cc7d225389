package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

const (
	progressDelay = 500 * time.Millisecond // a fast walk shows nothing
	progressEvery = 100 * time.Millisecond
)

// startProgress shows, on a terminal only, how far the walk of a big tree
// has got, on one line of stderr that it clears when stop is called. A pipe
// or a file gets nothing: the output there is for programs.
func (c *cli) startProgress(seen *atomic.Int64) (stop func()) {
	if !c.isTerminal(c.stderr) {
		return func() {}
	}
	delay := c.progressDelay
	if delay == 0 {
		delay = progressDelay
	}
	done, finished := make(chan struct{}), make(chan struct{})
	shown := false
	show := func() {
		fmt.Fprintf(c.stderr, "\rgomend: reading the workspace: %d files and folders", seen.Load())
		shown = true
	}
	if delay < 0 {
		show()
	}
	go func() {
		defer close(finished)
		if delay > 0 {
			t := time.NewTimer(delay)
			defer t.Stop()
			select {
			case <-done:
				return
			case <-t.C:
			}
			show()
		}
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				show()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if shown {
			fmt.Fprint(c.stderr, "\r\x1b[K") // erase the line: the report follows
		}
	}
}

// isTerminal reports whether w is a terminal that can take a
// carriage-return progress line (tests may say yes for a buffer).
func (c *cli) isTerminal(w io.Writer) bool {
	if c.terminal != nil {
		return c.terminal(w)
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && c.env["TERM"] != "dumb"
}
