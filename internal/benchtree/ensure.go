package benchtree

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// generatorVersion changes whenever the same Spec would generate a different
// tree, so caches written by an older generator are rebuilt.
const generatorVersion = 1

// stampName marks a complete cached tree; it is written last.
const stampName = ".benchtree.json"

// testHookBeforeRename lets a test win the race to the final directory.
var testHookBeforeRename func()

type stamp struct {
	Generator int
	Spec      Spec
	Stats     Stats
}

// Ensure returns the cached tree of spec under cacheDir, generating it first
// if it is missing or incomplete. The tree is built in a temporary sibling
// and renamed into place complete, so a concurrent Ensure either sees no
// tree or a whole one.
func Ensure(ctx context.Context, cacheDir string, spec Spec) (dir string, st Stats, err error) {
	if err := spec.Validate(); err != nil {
		return "", Stats{}, err
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", Stats{}, fmt.Errorf("benchtree: %w", err)
	}
	final := filepath.Join(cacheDir, cacheName(spec))
	if st, ok := readStamp(final, spec); ok {
		return final, st, nil
	}
	if err := removeStale(final, spec); err != nil {
		return "", Stats{}, err
	}

	tmp, err := os.MkdirTemp(cacheDir, filepath.Base(final)+"-tmp-")
	if err != nil {
		return "", Stats{}, fmt.Errorf("benchtree: %w", err)
	}
	defer func() {
		if err != nil { // named result: set by every failing return below
			os.RemoveAll(tmp)
		}
	}()
	if st, err = Generate(ctx, tmp, spec); err != nil {
		return "", Stats{}, err
	}
	data, err := stampBytes(stamp{Generator: generatorVersion, Spec: spec, Stats: st})
	if err != nil {
		return "", Stats{}, err
	}
	if err := writeNew(filepath.Join(tmp, stampName), data); err != nil {
		return "", Stats{}, err
	}

	if testHookBeforeRename != nil {
		testHookBeforeRename()
	}
	for range 3 {
		rerr := os.Rename(tmp, final)
		if rerr == nil {
			return final, st, nil
		}
		// Lost a race to another Ensure: its complete tree is as good as ours.
		if theirs, ok := readStamp(final, spec); ok {
			os.RemoveAll(tmp)
			return final, theirs, nil
		}
		if _, serr := os.Lstat(final); errors.Is(serr, fs.ErrNotExist) {
			return "", Stats{}, fmt.Errorf("benchtree: %w", rerr)
		}
		if err := removeStale(final, spec); err != nil {
			return "", Stats{}, err
		}
	}
	return "", Stats{}, fmt.Errorf("benchtree: %s keeps reappearing incomplete", final)
}

// cacheName is the directory of spec in the cache: its name for people, a
// hash of the whole Spec for uniqueness.
func cacheName(spec Spec) string {
	data, err := json.Marshal(spec)
	if err != nil {
		panic(err) // a struct of plain fields always marshals
	}
	sum := sha256.Sum256(data)
	return spec.Name + "-" + hex.EncodeToString(sum[:])[:12]
}

func stampBytes(s stamp) ([]byte, error) {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("benchtree: %w", err)
	}
	return append(data, '\n'), nil
}

// readStamp accepts dir only if its stamp is exactly the one this generator
// writes for spec. The stamp is written last and the tree renamed into place
// whole, so its Stats can be trusted without planning the tree again, which
// takes most of a second for the huge preset.
func readStamp(dir string, spec Spec) (Stats, bool) {
	data, err := os.ReadFile(filepath.Join(dir, stampName))
	if err != nil {
		return Stats{}, false
	}
	var s stamp
	if err := json.Unmarshal(data, &s); err != nil {
		return Stats{}, false
	}
	if s.Generator != generatorVersion || s.Spec != spec || s.Stats.Files <= 0 || s.Stats.Bytes <= 0 {
		return Stats{}, false
	}
	canon, err := stampBytes(s)
	if err != nil || !bytes.Equal(canon, data) {
		return Stats{}, false
	}
	return s.Stats, true
}

// removeStale moves an incomplete final aside before deleting it, so the
// rename that follows cannot fail on it. Should the moved tree turn out to
// be complete (another Ensure just finished), it is put back.
func removeStale(final string, spec Spec) error {
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	// os.Rename will not replace a directory, so the tree goes inside a
	// fresh temporary one.
	trash, err := os.MkdirTemp(filepath.Dir(final), filepath.Base(final)+"-stale-")
	if err != nil {
		return fmt.Errorf("benchtree: %w", err)
	}
	aside := filepath.Join(trash, "tree")
	if err := os.Rename(final, aside); err != nil {
		os.Remove(trash)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // someone else moved it
		}
		return fmt.Errorf("benchtree: moving stale tree aside: %w", err)
	}
	if _, ok := readStamp(aside, spec); ok && os.Rename(aside, final) == nil {
		os.Remove(trash)
		return nil
	}
	if err := os.RemoveAll(trash); err != nil {
		return fmt.Errorf("benchtree: removing stale tree: %w", err)
	}
	return nil
}
