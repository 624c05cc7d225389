package main

import (
	"bytes"
	"context"
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
