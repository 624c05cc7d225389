package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCaptureBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"capture"},
		{"capture", "-gopls", "x"},
		{"capture", "-out", "y"},
		{"capture", "-gopls", "x", "-out", "y", "-scenario", "99-nope"},
		{"capture", "-gopls", "x", "-out", "y", "extra"},
		{"capture", "-fixtures", "z", "-scenario", "99-nope"},
		{"capture", "-fixtures", "z", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
}

// Every scenario opens the file it hovers in, and the word is there.
func TestCaptureScenarios(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range captureScenarios {
		if seen[sc.name] {
			t.Errorf("%s twice", sc.name)
		}
		seen[sc.name] = true
		for _, rel := range sc.open {
			if _, ok := sc.files[rel]; !ok {
				t.Errorf("%s opens %s, which it does not write", sc.name, rel)
			}
		}
		if !slices.Contains(sc.open, sc.hover.file) {
			t.Errorf("%s hovers in %s, which it does not open", sc.name, sc.hover.file)
		}
		if _, _, ok := wordPosition(sc.files[sc.hover.file], sc.hover.word); !ok {
			t.Errorf("%s: no %q in %s", sc.name, sc.hover.word, sc.hover.file)
		}
	}
}

func TestWordPosition(t *testing.T) {
	text := "package main\n\nfunc main() {\n\tfmt.Println(semver.IsValid(\"v\"))\n\tPrintlnX()\n}\n// é Name\n"
	for _, c := range []struct {
		word       string
		line, char int
		ok         bool
	}{
		{"Println", 3, 6, true},  // one character in, as the corpus's driver did
		{"IsValid", 3, 21, true}, //
		{"Name", 6, 6, true},     // é is one UTF-16 unit
		{"rintln", 0, 0, false},  // never a part of a word
		{"Missing", 0, 0, false}, //
	} {
		line, char, ok := wordPosition(text, c.word)
		if line != c.line || char != c.char || ok != c.ok {
			t.Errorf("%s: %d:%d %v, want %d:%d %v", c.word, line, char, ok, c.line, c.char, c.ok)
		}
	}
}

func TestCaptureEnv(t *testing.T) {
	t.Setenv("GOFLAGS", "-buildvcs=false")
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOENV", "/somewhere/env")
	t.Setenv("GO111MODULE", "on")
	env := captureEnv("/tmp/empty", []string{"GO111MODULE=off"})
	got := map[string][]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = append(got[k], v)
	}
	if len(got["GOFLAGS"]) != 0 || len(got["GOTOOLCHAIN"]) != 0 {
		t.Errorf("GOFLAGS or GOTOOLCHAIN inherited: %v %v", got["GOFLAGS"], got["GOTOOLCHAIN"])
	}
	if !slices.Equal(got["GOENV"], []string{"/tmp/empty"}) || !slices.Equal(got["GO111MODULE"], []string{"off"}) {
		t.Errorf("GOENV %v, GO111MODULE %v", got["GOENV"], got["GO111MODULE"])
	}
}

// capture -fixtures writes each scenario's files and its manifest, runs
// its setup, and runs no gopls (none is named).
func TestCaptureFixtures(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"capture", "-fixtures", dir, "-scenario", "07-go111module-off", "-scenario", "09a-gocache-unwritable-path-under-regular-file"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"07-go111module-off", "09a-gocache-unwritable-path-under-regular-file"} {
		i := slices.IndexFunc(captureScenarios, func(s captureScenario) bool { return s.name == name })
		sc := captureScenarios[i]
		folder := filepath.Join(dir, name)
		for rel, want := range sc.files {
			got, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(rel)))
			if err != nil || string(got) != want {
				t.Errorf("%s/%s: %q, %v", name, rel, got, err)
			}
		}
		if !strings.Contains(stdout.String(), folder+"\n") {
			t.Errorf("stdout %q does not name %s", stdout.String(), folder)
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m captureManifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		line, char, _ := wordPosition(sc.files[sc.hover.file], sc.hover.word)
		if m.Name != name || m.Folder != folder || !slices.Equal(m.Open, sc.open) ||
			m.Hover != (captureManifestAt{File: sc.hover.file, Word: sc.hover.word, Line: line, Character: char}) {
			t.Errorf("%s: manifest %+v", name, m)
		}
	}
	var m07, m09 captureManifest
	for name, m := range map[string]*captureManifest{"07-go111module-off": &m07, "09a-gocache-unwritable-path-under-regular-file": &m09} {
		b, _ := os.ReadFile(filepath.Join(dir, name+".json"))
		if err := json.Unmarshal(b, m); err != nil {
			t.Fatal(err)
		}
	}
	if len(m07.Env) != 1 || m07.Env["GO111MODULE"] != "off" {
		t.Errorf("07 env %v", m07.Env)
	}
	// 09a's GOCACHE is under a regular file its setup wrote in the fixtures directory.
	if want := filepath.Join(dir, captureRegularFile, "go-build"); m09.Env["GOCACHE"] != want {
		t.Errorf("09a GOCACHE %q, want %q", m09.Env["GOCACHE"], want)
	}
	if st, err := os.Stat(filepath.Join(dir, captureRegularFile)); err != nil || !st.Mode().IsRegular() {
		t.Errorf("09a's regular file: %v, %v", st, err)
	}
}
