package benchtree

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// deliberate is the text of the one type error; tests look for it.
const deliberate = "benchtree: deliberate type error"

func goMod(modPath string) string {
	return "module " + modPath + "\n\ngo 1.22\n"
}

// goWork uses every module directory, sorted so the file does not depend on
// the layout order.
func goWork(dirs []string) string {
	sorted := append([]string(nil), dirs...)
	slices.Sort(sorted)
	var b strings.Builder
	b.WriteString("go 1.22\n\nuse (\n")
	for _, d := range sorted {
		b.WriteString("\t./" + d + "\n")
	}
	b.WriteString(")\n")
	return b.String()
}

type goParams struct {
	pkg       string // package name, also the directory's name
	module    string // module path, for the doc comment
	role      string // the directory above the package, for the doc comment
	file      int    // index of the file in its package; 0 carries the doc comment
	level     int    // position of the package in its module's import chain
	prev      string // import path of the previous package in the chain, or ""
	prevName  string
	typeError bool
	seed      [2]uint64
}

var (
	typeWords  = []string{"Ledger", "Widget", "Cache", "Router", "Buffer", "Index", "Queue", "Record", "Session", "Tracker", "Codec", "Filter"}
	extraField = [][2]string{{"Limit", "int"}, {"Ratio", "float64"}, {"Enabled", "bool"}, {"Labels", "map[string]string"}, {"Owner", "string"}}
)

// goSource writes one gofmt-formatted file of a package: a type with a
// constructor and methods, and on file 0 the package's link in the chain.
func goSource(p goParams) []byte {
	r := rand.New(rand.NewPCG(p.seed[0], p.seed[1]))
	typ := typeWords[r.IntN(len(typeWords))] + strconv.Itoa(p.file)
	var b strings.Builder
	if p.file == 0 {
		fmt.Fprintf(&b, "// Package %s is synthetic benchmark code: the %s layer of %s,\n// level %d of its import chain.\n", p.pkg, p.role, p.module, p.level)
	}
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"strconv\"\n\t\"strings\"\n", p.pkg)
	if p.prev != "" {
		fmt.Fprintf(&b, "\n\t%q\n", p.prev)
	}
	b.WriteString(")\n\n")
	if p.typeError {
		fmt.Fprintf(&b, "// The one type error of the tree, so gopls has a diagnostic to publish.\nvar _ int = %q\n\n", deliberate)
	}

	fields := [][2]string{{"Name", "string"}, {"Items", "[]string"}, {"Count", "int"}}
	for _, i := range r.Perm(len(extraField))[:r.IntN(3)] {
		fields = append(fields, extraField[i])
	}
	pad := 0
	for _, f := range fields {
		pad = max(pad, len(f[0]))
	}
	fmt.Fprintf(&b, "// %s keeps a running tally of named items.\ntype %s struct {\n", typ, typ)
	for _, f := range fields {
		fmt.Fprintf(&b, "\t%-*s %s\n", pad, f[0], f[1])
	}
	b.WriteString("}\n\n")

	fmt.Fprintf(&b, "// New%s returns a %s named name.\nfunc New%s(name string) *%s {\n\treturn &%s{Name: name, Count: %d}\n}\n\n",
		typ, typ, typ, typ, typ, r.IntN(100))
	fmt.Fprintf(&b, "// Add records item and returns the new count.\nfunc (x *%s) Add(item string) int {\n\tx.Items = append(x.Items, strings.TrimSpace(item))\n\tx.Count++\n\treturn x.Count\n}\n\n", typ)
	fmt.Fprintf(&b, "// String renders x on one line.\nfunc (x *%s) String() string {\n\treturn x.Name + \":\" + strconv.Itoa(x.Count) + \"/\" + strings.Join(x.Items, \",\")\n}\n\n", typ)
	fmt.Fprintf(&b, "// Mix%s folds xs into a checksum.\nfunc Mix%s(xs []int) int {\n\ttotal := %d\n\tfor i, v := range xs {\n\t\ttotal += v*%d + i\n\t}\n\treturn total\n}\n",
		typ, typ, 1+r.IntN(97), 2+r.IntN(29))
	if p.file == 0 {
		b.WriteString("\n// Level reports how deep this package sits in its module's import chain.\nfunc Level() int {\n")
		if p.prev != "" {
			fmt.Fprintf(&b, "\treturn %s.Level() + 1\n}\n", p.prevName)
		} else {
			b.WriteString("\treturn 0\n}\n")
		}
	}
	return []byte(b.String())
}

// goTest checks the chain, so go vet and go test have a test file to load.
func goTest(pkg string, level int) string {
	return fmt.Sprintf("package %s\n\nimport \"testing\"\n\nfunc TestLevel(t *testing.T) {\n\tif got := Level(); got != %d {\n\t\tt.Fatalf(\"Level() = %%d, want %d\", got)\n\t}\n}\n",
		pkg, level, level)
}

// vendorSource is a vendored-looking file that nothing imports.
func vendorSource(lib, file string, seed [2]uint64) func() []byte {
	return func() []byte {
		r := rand.New(rand.NewPCG(seed[0], seed[1]))
		var b strings.Builder
		if file == "" {
			fmt.Fprintf(&b, "// Package %s is a vendored copy, kept as noise for the benchmark.\n", lib)
			file = lib
		}
		fmt.Fprintf(&b, "package %s\n\n// Version%s is the vendored release.\nconst Version%s = \"v%d.%d.%d\"\n\n",
			lib, title(file), title(file), r.IntN(5), r.IntN(20), r.IntN(10))
		fmt.Fprintf(&b, "// Scale%s multiplies n by a constant.\nfunc Scale%s(n int) int {\n\treturn n * %d\n}\n", title(file), title(file), 2+r.IntN(50))
		return []byte(b.String())
	}
}

func packageJSON(name string, deps []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"name\": %q,\n  \"version\": \"1.0.0\",\n  \"main\": \"index.js\"", name)
	if len(deps) > 0 {
		b.WriteString(",\n  \"dependencies\": {\n")
		for i, d := range deps {
			sep := ","
			if i == len(deps)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    %q: \"^1.0.0\"%s\n", d, sep)
		}
		b.WriteString("  }")
	}
	b.WriteString("\n}\n")
	return b.String()
}

func jsSource(pkg, file string, seed [2]uint64) func() []byte {
	return func() []byte {
		r := rand.New(rand.NewPCG(seed[0], seed[1]))
		var b strings.Builder
		fmt.Fprintf(&b, "'use strict';\n// %s: %s\n\n", pkg, file)
		for i := range 3 + r.IntN(6) {
			fmt.Fprintf(&b, "function f%d(x) {\n  return x * %d + %d;\n}\n\n", i, r.IntN(100), r.IntN(100))
		}
		b.WriteString("module.exports = { f0 };\n")
		return []byte(b.String())
	}
}

// gitObject looks like a loose object: a zlib header, then incompressible bytes.
func gitObject(seed [2]uint64) func() []byte {
	return func() []byte {
		r := rand.New(rand.NewPCG(seed[0], seed[1]))
		data := make([]byte, 2+64+r.IntN(1024))
		data[0], data[1] = 0x78, 0x01
		for i := 2; i < len(data); i++ {
			data[i] = byte(r.Uint32())
		}
		return data
	}
}

func title(s string) string {
	return strings.ToUpper(s[:1]) + s[1:]
}
