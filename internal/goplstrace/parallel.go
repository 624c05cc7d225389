package goplstrace

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"sync"
)

// A file is summarized in parts, one per core: each part starts at the
// header line of a JSON-RPC trace record, a line that starts a record
// whatever came before it (Scan ends any record open before such a line,
// and the summarizer any crash stack), so a Scanner reading from there
// reads what a Scanner reading the whole file would. What crosses the
// boundary is merged afterwards (part.absorb): line numbers, counts,
// the lists, the last initialize, the diagnostics ring, and the requests
// that name the method of an old-style error response.
//
// What a part cannot know is whether a list was already full when it
// began. The entries kept are the same; Dropped may not be, by the odd
// message that a full list counts as dropped before decoding it, and a
// list with room decodes and finds it is not one of its kind after all
// (a "Created View…" log message that is no view, a $/progress report
// that says "error" elsewhere than in its title or message).

// parallelMin is the size from which a file is read in parts.
var parallelMin int64 = 16 << 20

// parallelParts is how many parts a file is read in; 0 means one per
// core (GOMAXPROCS), at most maxParts, and parts of parallelMin/2 bytes
// at least. (Variables so that tests can split small inputs.)
var parallelParts = 0

// maxParts bounds the parts: each keeps lists of up to MaxKept entries
// until they are merged, and a summary's memory is to stay small.
const maxParts = 8

// maxBoundaryScan bounds how far past the point where a part should start
// a record header is looked for; without one, the part is joined to the
// part before.
const maxBoundaryScan = 8 << 20

// summarizeParallel summarizes r in parts when it is a file of some size
// (a ReaderAt that can Seek); ok is false when it was not, and r has not
// been read.
func summarizeParallel(r io.Reader) (sum *Summary, ok bool, err error) {
	n := parallelParts
	if n == 0 {
		n = min(runtime.GOMAXPROCS(0), maxParts)
	}
	ra, isRA := r.(io.ReaderAt)
	sk, isSeeker := r.(io.Seeker)
	if n < 2 || !isRA || !isSeeker {
		return nil, false, nil
	}
	start, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, false, nil
	}
	end, err := sk.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, false, nil
	}
	bounds := []int64{start}
	if end-start >= parallelMin {
		if parallelParts == 0 {
			n = int(min(int64(n), (end-start)/(parallelMin/2)))
		}
		for j := 1; j < n; j++ {
			from := max(start+(end-start)*int64(j)/int64(n), bounds[len(bounds)-1]+1)
			if p, ok := recordStart(ra, from, end); ok {
				bounds = append(bounds, p)
			}
		}
	}
	if len(bounds) == 1 {
		if _, err := sk.Seek(start, io.SeekStart); err != nil {
			// Where the reader now is, nothing can be read.
			return &Summary{Format: FormatUnknown}, true, err
		}
		return nil, false, nil
	}
	bounds = append(bounds, end)
	// The reader is left at its end, as a reading of it would leave it.
	if f, isFile := r.(*os.File); isFile {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if m, mapped := mapFile(f, end); mapped {
				defer m.unmap()
				sum, err = summarizeBounds(ra, bounds, m)
				return sum, true, err
			}
		}
	}
	sum, err = summarizeBounds(ra, bounds, nil)
	return sum, true, err
}

// summarizeBounds summarizes ra from bounds[0] to its last element, in
// parts that start at the others, each a record's header line. m, when
// not nil, is ra mapped into memory.
func summarizeBounds(ra io.ReaderAt, bounds []int64, m *mapping) (*Summary, error) {
	read := func(from, to int64) *part {
		if m == nil {
			return summarizePart(io.NewSectionReader(ra, from, to-from), ra, from, nil)
		}
		var p *part
		if err := readingMapped(func() { p = summarizePart(nil, ra, from, &mapped{m: m, from: from, to: to}) }); err != nil {
			return &part{s: NewScanner(nil), z: &summarizer{sum: &Summary{}, crash: -1}, err: err}
		}
		return p
	}
	parts := make([]*part, len(bounds)-1)
	var wg sync.WaitGroup
	for j := 1; j < len(parts); j++ {
		wg.Go(func() { parts[j] = read(bounds[j], bounds[j+1]) })
	}
	parts[0] = read(bounds[0], bounds[1])
	wg.Wait()
	acc := parts[0]
	for _, p := range parts[1:] {
		if acc.err != nil {
			break
		}
		if !acc.absorb(p) {
			// The parts cannot be merged exactly: read it all again, in one.
			acc = read(bounds[0], bounds[len(bounds)-1])
			break
		}
	}
	acc.z.finish()
	return acc.summary()
}

// recordStart returns the offset of the first line at or after from that
// is the header of a JSON-RPC trace record, looking no further than
// maxBoundaryScan.
func recordStart(ra io.ReaderAt, from, end int64) (int64, bool) {
	buf := make([]byte, 256<<10)
	// The window starts at the byte before from: a line starts after a '\n'.
	off := from - 1
	for off < end && off < from+maxBoundaryScan {
		n, err := ra.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
		if n == 0 {
			return 0, false
		}
		b := buf[:n]
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			off += int64(n)
			continue
		}
		for {
			p := i + 1 // a line's start
			e := bytes.IndexByte(b[p:], '\n')
			if e < 0 {
				break
			}
			if isRPCHeader(trimCR(b[p : p+e])) {
				return off + int64(p), true
			}
			i = p + e
		}
		if err != nil {
			return 0, false
		}
		if i == 0 && n == len(buf) {
			// A line longer than the window: no header.
			off += int64(n) - 1
			continue
		}
		off += int64(i)
		if n < len(buf) {
			return 0, false // the last line of the file, or a line ending at end
		}
	}
	return 0, false
}

// isRPCHeader reports a JSON-RPC trace record's header line.
func isRPCHeader(l []byte) bool {
	if !bytes.HasPrefix(l, []byte("[Trace - ")) {
		return false
	}
	b, ok := parseBracket(l)
	if !ok || b.word != "Trace" {
		return false
	}
	_, ok = parseHeader(b.content)
	return ok
}

// absorb merges into a the reading of the part that follows it; false
// means it cannot be done exactly (see TestPartsOtherIDs).
func (a *part) absorb(p *part) bool {
	off := a.s.lines
	az, pz := a.z, p.z
	as, ps := az.sum, pz.sum

	// Old-style errors of p whose request p did not see: a Scanner
	// reading on from a would have found it where a left its tables.
	for _, pm := range pz.pending {
		f := &ps.Failures[pm.index].Value
		if pm.key == "" {
			if e := a.s.reqs[pm.dir][pm.id%recentReqs]; e.id == pm.id && e.method != "" {
				f.Method = e.method
			}
			continue
		}
		// Ids that are not numbers are kept in a map emptied when full:
		// the answer is certain only if it never was.
		if a.s.otherReset || a.otherTotal+len(p.s.other) >= maxOther {
			return false
		}
		if m, ok := a.s.other[pm.key]; ok {
			f.Method = m
		}
	}
	for d := range a.s.reqs {
		for k, e := range p.s.reqs[d] {
			if e.method != "" {
				a.s.reqs[d][k] = e
			}
		}
	}
	if len(p.s.other) > 0 {
		if a.s.other == nil {
			a.s.other = make(map[string]string)
		}
		for k, v := range p.s.other {
			a.s.other[k] = v
		}
	}
	a.otherTotal += len(p.s.other)
	a.s.otherReset = a.s.otherReset || p.s.otherReset

	as.Records += ps.Records
	mergeList(as, &as.Views, ps.Views, off)
	mergeList(as, &as.Logs, ps.Logs, off)
	mergeList(as, &as.Messages, ps.Messages, off)
	mergeList(as, &as.Progress, ps.Progress, off)
	mergeList(as, &as.Failures, ps.Failures, off)
	mergeList(as, &as.Opened, ps.Opened, off)
	mergeList(as, &as.Loads, ps.Loads, off)
	mergeList(as, &as.Crashes, ps.Crashes, off)
	if pz.initLine > 0 {
		az.init, az.initLine = pz.init, pz.initLine+off
	}
	if pz.serverLine > 0 {
		az.server, az.serverLine = pz.server, pz.serverLine+off
	}

	// The last MaxKept diagnostics of both. Each part counted its own
	// overflow as dropped; what is dropped is the overflow of the whole.
	over := func(n int) int { return max(n-MaxKept, 0) }
	total := az.diagCount + pz.diagCount
	as.Dropped += ps.Dropped - over(pz.diagCount) + over(total) - over(az.diagCount)
	ring := az.orderedDiags()
	for _, d := range pz.orderedDiags() {
		d.line += off
		ring = append(ring, d)
	}
	if len(ring) > MaxKept {
		ring = ring[len(ring)-MaxKept:]
	}
	az.diags, az.diagNext, az.diagCount = ring, 0, total

	for i := range a.s.counts {
		a.s.counts[i] += p.s.counts[i]
	}
	a.s.lines += p.s.lines
	a.s.truncated = p.s.truncated
	a.err = p.err
	return true
}

// mergeList appends src, its lines moved by off, to dst, within MaxKept.
func mergeList[T any](sum *Summary, dst *[]Located[T], src []Located[T], off int) {
	for _, v := range src {
		if len(*dst) >= MaxKept {
			sum.Dropped++
			continue
		}
		v.Line += off
		*dst = append(*dst, v)
	}
}

// orderedDiags returns the diagnostics ring, oldest first.
func (z *summarizer) orderedDiags() []rawDiag {
	out := make([]rawDiag, 0, len(z.diags))
	out = append(out, z.diags[z.diagNext:]...)
	return append(out, z.diags[:z.diagNext]...)
}
