//go:build unix

package goplstrace

import (
	"math"
	"os"

	"golang.org/x/sys/unix"
)

// mapping is a file mapped for reading (or, in tests, bytes in memory,
// which are never released).
type mapping struct {
	data   []byte
	mapped bool
}

// mapFile maps the first size bytes of f for reading. ok is false when it
// cannot (an empty or enormous file, a system that refuses), and the file
// is read instead.
func mapFile(f *os.File, size int64) (m *mapping, ok bool) {
	if size <= 0 || size > math.MaxInt {
		return nil, false
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, false
	}
	return &mapping{data, true}, true
}

// release gives back the pages wholly within [from, to), which have been
// read: the process's memory stays flat however large the file (the page
// cache keeps them, as it keeps a file read).
func (m *mapping) release(from, to int64) {
	if !m.mapped {
		return
	}
	page := int64(os.Getpagesize())
	from, to = (from+page-1)/page*page, to/page*page
	if from < to {
		_ = unix.Madvise(m.data[from:to], unix.MADV_DONTNEED)
	}
}

func (m *mapping) unmap() {
	if m.mapped {
		_ = unix.Munmap(m.data)
	}
}
