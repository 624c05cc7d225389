package hostfs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOnDiskCase(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"Dir/Sub", "Dir/Ärger/Übung", "Dir/Both"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"Dir/Sub/File.txt", "Dir/Sub/go.MOD"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Where the file system allows it, two entries differing only in case:
	// an exact match must win over the first folded one.
	twin := os.Mkdir(filepath.Join(root, "Dir", "both"), 0o755) == nil
	r := func(p string) string { return root + filepath.FromSlash(p) }
	for _, tc := range []struct{ in, want string }{
		{r("/dir/SUB/file.TXT"), r("/Dir/Sub/File.txt")},
		{r("/Dir/Sub/File.txt"), r("/Dir/Sub/File.txt")},
		{r("/DIR/sub/GO.mod"), r("/Dir/Sub/go.MOD")},
		{r("/dir/sub/"), r("/Dir/Sub/")},
		{r("//dir//sub"), r("//Dir//Sub")},
		{r("/dir/ärger/übung"), r("/Dir/Ärger/Übung")},
		{r("/dir/sub/missing/MORE/file.go"), r("/Dir/Sub/missing/MORE/file.go")},
		{r("/nope/sub"), r("/nope/sub")},
		{r("/dir/sub/file.txt/below"), r("/Dir/Sub/File.txt/below")},
		{r("/dir/./sub/../SUB/file.txt"), r("/Dir/./Sub/../Sub/File.txt")},
		{r("/Dir/Both"), r("/Dir/Both")},
	} {
		got, err := OnDiskCase(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("OnDiskCase(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if twin {
		if got, _ := OnDiskCase(r("/dir/both")); got != r("/Dir/both") {
			t.Errorf("exact match not preferred: %q", got)
		}
	}
	t.Chdir(root)
	if got, err := OnDiskCase(filepath.FromSlash("dir/sub/FILE.TXT")); err != nil || got != filepath.FromSlash("Dir/Sub/File.txt") {
		t.Errorf("relative: %q, %v", got, err)
	}
	if got, err := OnDiskCase(""); err != nil || got != "" {
		t.Errorf("empty: %q, %v", got, err)
	}
}

func TestOnDiskCaseUnreadable(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads any directory")
	}
	root := t.TempDir()
	locked := filepath.Join(root, "Locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	if got, err := OnDiskCase(filepath.Join(root, "locked")); err != nil || got != locked {
		t.Errorf("reading its parent must work: %q, %v", got, err)
	}
	if _, err := OnDiskCase(filepath.Join(locked, "x")); err == nil {
		t.Error("want an error for an unreadable directory")
	}
}
