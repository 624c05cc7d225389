package benchtree

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// workers bounds the goroutines creating files: creation is syscall-bound,
// so a few more than the cores keeps the disk busy without thrashing.
const workers = 12

// Generate writes the tree of spec into dir, which must not exist or be
// empty, and returns what it wrote.
func Generate(ctx context.Context, dir string, spec Spec) (Stats, error) {
	if err := spec.Validate(); err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("benchtree: %w", err)
	}
	if err := emptyDir(dir); err != nil {
		return Stats{}, err
	}
	t := plan(spec)
	st := t.stats()
	n, err := write(ctx, dir, t)
	st.Bytes = n
	return st, err
}

// emptyDir creates dir, or checks that an existing one is empty so we never
// mix our tree with someone's files.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("benchtree: %w", err)
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("benchtree: %w", err)
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("benchtree: reading %s: %w", dir, err)
	}
	if len(names) > 0 {
		return fmt.Errorf("benchtree: %s is not empty", dir)
	}
	return nil
}

// write creates the directories level by level, each level in parallel,
// then the files and links in parallel. Contents depend only on the plan,
// so the order of scheduling cannot change a byte.
func write(ctx context.Context, root string, t *tree) (int64, error) {
	var dirs, rest []entry
	for _, e := range t.entries {
		if e.kind == kindDir {
			dirs = append(dirs, e)
		} else {
			rest = append(rest, e)
		}
	}
	depth := func(e entry) int { return strings.Count(e.path, "/") }
	slices.SortStableFunc(dirs, func(a, b entry) int { return depth(a) - depth(b) })
	for len(dirs) > 0 {
		n := 1
		for n < len(dirs) && depth(dirs[n]) == depth(dirs[0]) {
			n++
		}
		level := dirs[:n]
		dirs = dirs[n:]
		err := parallel(ctx, len(level), func(i int) error {
			p := filepath.Join(root, filepath.FromSlash(level[i].path))
			if err := os.Mkdir(p, 0o755); err != nil {
				return fmt.Errorf("benchtree: %w", err)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	var bytes atomic.Int64
	err := parallel(ctx, len(rest), func(i int) error {
		e := rest[i]
		p := filepath.Join(root, filepath.FromSlash(e.path))
		if e.kind == kindLink {
			if err := os.Symlink(filepath.FromSlash(e.target), p); err != nil {
				return fmt.Errorf("benchtree: %w", err)
			}
			return nil
		}
		data := e.body()
		bytes.Add(int64(len(data)))
		return writeNew(p, data)
	})
	return bytes.Load(), err
}

// writeNew creates p exclusively: a planned path that already exists means
// the root was not ours, and we must not overwrite it.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("benchtree: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("benchtree: writing %s: %w", p, err)
	}
	return nil
}

// parallel runs fn(0..n-1) on at most workers goroutines and returns the
// first error; after an error or cancellation no new calls start.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	var (
		next  atomic.Int64
		once  sync.Once
		first error
		stop  atomic.Bool
		wg    sync.WaitGroup
	)
	fail := func(err error) {
		once.Do(func() { first = err })
		stop.Store(true)
	}
	for range min(workers, n) {
		wg.Go(func() {
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := ctx.Err(); err != nil {
					fail(fmt.Errorf("benchtree: %w", err))
					return
				}
				if err := fn(i); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
