package goplstrace

import (
	"errors"
	"runtime/debug"
)

// A file read in parts is mapped into memory where the system allows it
// (mapped_unix.go): the fast path then reads records where the page cache
// holds them, without the copy into a read buffer that costs a gigabyte's
// trace a fifth of its time. Nothing the summary keeps points into the
// mapping (TestMappedNothingKept): every kept value is a copy.

// errFileShrank is what a part reports when the file is cut while it is
// mapped: the pages past the new end can no longer be read.
var errFileShrank = errors.New("the file was cut short while it was being read")

// readingMapped runs read, which reads mapped memory, and turns the fault
// of a page that vanished (the file was truncated meanwhile) into
// errFileShrank instead of a crash.
func readingMapped(read func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); fault {
				err = errFileShrank
				return
			}
			panic(r)
		}
	}()
	read()
	return nil
}

// mapped is one part, [from, to), of a mapped file, read by one Scanner.
type mapped struct {
	m        *mapping
	from, to int64
	released int64 // the part's bytes before this were given back
}

func (p *mapped) part() []byte { return p.m.data[p.from:p.to] }

// memWindow is how much of a mapped part the fast path is given at a
// time: the pages read are given back between windows, and a record
// across a window's end is read by Scan. (A variable so that tests can
// put many records across.)
var memWindow = 2 << 20

// releaseEvery is how many bytes are read between two releases.
const releaseEvery = 2 << 20

// read records that the part's first n bytes have been read, and gives
// their pages back now and then.
func (p *mapped) read(n int64) {
	if n-p.released >= releaseEvery {
		p.m.release(p.from+p.released, p.from+n)
		p.released = n
	}
}
