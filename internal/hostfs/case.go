package hostfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OnDiskCase returns path with each component spelled as the directory entry
// that matches it case-insensitively (an exact match preferred), which is
// how a case-insensitive file system finds it while gopls keys files by the
// text. Components from the first one that does not exist on are returned
// as given, as is everything but the letters of matched names. It reads
// directories instead of trusting Lstat, so the answer is the same on a
// case-sensitive file system (useful in tests and for --host descriptions).
func OnDiskCase(path string) (string, error) {
	vol := filepath.VolumeName(path)
	var sb strings.Builder
	sb.WriteString(vol)
	dir := vol // the directory read next, as spelled on disk
	i := len(vol)
	for i < len(path) {
		if os.IsPathSeparator(path[i]) {
			sb.WriteByte(path[i])
			if dir == vol {
				dir += string(path[i])
			}
			i++
			continue
		}
		end := i + strings.IndexFunc(path[i:], func(r rune) bool { return r < 0x80 && os.IsPathSeparator(byte(r)) })
		if end < i {
			end = len(path)
		}
		name := path[i:end]
		disk, found, err := entryName(dir, name)
		if err != nil {
			return "", err
		}
		if !found {
			return sb.String() + path[i:], nil
		}
		sb.WriteString(disk)
		if dir == vol { // relative, or drive-relative "C:x"
			dir += disk
		} else {
			dir = joinResolved(dir, disk)
		}
		i = end
	}
	return sb.String(), nil
}

// entryName finds name in dir: itself if it is an entry, else the first entry
// equal to it under Unicode case folding. "." and ".." are kept as they are.
func entryName(dir, name string) (string, bool, error) {
	if name == "." || name == ".." {
		return name, true, nil
	}
	readDir := dir
	if readDir == "" {
		readDir = "."
	}
	entries, err := os.ReadDir(readDir)
	if err != nil {
		// A missing directory, or a file where one was expected, ends the match.
		if fi, serr := os.Stat(readDir); errors.Is(err, fs.ErrNotExist) || serr == nil && !fi.IsDir() {
			return "", false, nil
		}
		return "", false, fmt.Errorf("on-disk case of %s: %w", readDir, err)
	}
	folded := ""
	for _, e := range entries {
		if e.Name() == name {
			return name, true, nil
		}
		if folded == "" && strings.EqualFold(e.Name(), name) {
			folded = e.Name()
		}
	}
	return folded, folded != "", nil
}
