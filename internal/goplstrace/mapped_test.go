package goplstrace

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// mapTestFile writes data to a file and maps it; the test is skipped where
// files are not mapped.
func mapTestFile(t *testing.T, data []byte) (*os.File, *mapping) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "trace.log")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	m, ok := mapFile(f, int64(len(data)))
	if !ok {
		t.Skip("files are not mapped on this system")
	}
	return f, m
}

// TestMappedWindows: a mapped part is read a window at a time, records
// across a window's end by Scan; the summary is the same whatever the
// window.
func TestMappedWindows(t *testing.T) {
	defer func(n int) { memWindow = n }(memWindow)
	for name, data := range equivInputs(t) {
		want := summarizeWith(t, data, true)
		starts := headerStarts(data)
		bounds := []int64{0, int64(len(data))}
		if len(starts) > 2 {
			bounds = []int64{0, starts[len(starts)/2], int64(len(data))}
		}
		for _, window := range []int{64, 997, 4096, 1 << 20} {
			memWindow = window
			got, err := summarizeBounds(bytes.NewReader(data), bounds, &mapping{data: data})
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s, window %d: %v\n got %+v\nwant %+v", name, window, err, got, want)
			}
		}
	}
}

// TestMappedNothingKept: once the mapping is gone, the summary is whole.
// Were any of it still pointing into the mapping, reading it (as
// DeepEqual does) would crash the test.
func TestMappedNothingKept(t *testing.T) {
	defer func(n int) { memWindow = n }(memWindow)
	memWindow = 4096 // the pages of each window are given back too
	data := equivInputs(t)["corpus"]
	want := summarizeWith(t, data, true)
	f, m := mapTestFile(t, data)
	starts := headerStarts(data)
	got, err := summarizeBounds(f, []int64{0, starts[len(starts)/3], int64(len(data))}, m)
	m.unmap()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("summaries differ: %v", err)
	}
}

// TestMappedFileCut: a file cut short while it is mapped is an error that
// says so, not a crash (the pages past its new end fault).
func TestMappedFileCut(t *testing.T) {
	data := benchTrace(1 << 20)
	f, m := mapTestFile(t, data)
	defer m.unmap()
	if err := f.Truncate(int64(len(data) / 4)); err != nil {
		t.Fatal(err)
	}
	starts := headerStarts(data)
	_, err := summarizeBounds(f, []int64{0, starts[len(starts)/2], int64(len(data))}, m)
	if !errors.Is(err, errFileShrank) {
		t.Fatalf("err = %v, want %v", err, errFileShrank)
	}
	if want := "reading gopls trace: the file was cut short while it was being read"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}
