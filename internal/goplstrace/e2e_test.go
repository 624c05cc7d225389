package goplstrace

import (
	"os"
	"testing"
	"time"
)

// TestSummarizeFile summarizes $GOPLSTRACE_FILE and reports the time.
func TestSummarizeFile(t *testing.T) {
	path := os.Getenv("GOPLSTRACE_FILE")
	if path == "" {
		t.Skip("GOPLSTRACE_FILE not set")
	}
	for range 3 {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		start := time.Now()
		sum, err := Summarize(f)
		el := time.Since(start)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: %.0f MB/s, %d lines, %d records", el, float64(fi.Size())/1e6/el.Seconds(), sum.Lines, sum.Records)
	}
}
