package devcontainer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// at is the text of a span of the config's content.
func at(t *testing.T, c *Config, sp Span) string {
	t.Helper()
	if sp.Start < 0 || sp.Start > sp.End || sp.End > len(c.Content) {
		t.Fatalf("span %+v is outside the content (%d bytes)", sp, len(c.Content))
	}
	return string(c.Content[sp.Start:sp.End])
}

// checkString checks a string property: its value, the text its span
// covers, its name's span, and its pointer.
func checkString(t *testing.T, c *Config, what string, s *String, raw, text, key, ptr string) {
	t.Helper()
	if s == nil {
		t.Errorf("%s: nil, want %q", what, raw)
		return
	}
	if s.Raw != raw {
		t.Errorf("%s.Raw = %q, want %q", what, s.Raw, raw)
	}
	if got := at(t, c, s.Span); got != text {
		t.Errorf("%s.Span covers %q, want %q", what, got, text)
	}
	if key != "" {
		if got := at(t, c, s.Key); got != key {
			t.Errorf("%s.Key covers %q, want %q", what, got, key)
		}
	}
	if s.Ptr != ptr {
		t.Errorf("%s.Ptr = %q, want %q", what, s.Ptr, ptr)
	}
}

func TestParseImageConfig(t *testing.T) {
	src := `{
  "name": "demo",
  "image": "mcr.microsoft.com/devcontainers/go:1-1.22-bookworm",
  "workspaceFolder": "/workspaces/demo",
  "workspaceMount": "source=${localWorkspaceFolder},target=/workspaces/demo,type=bind",
  "remoteUser": "vscode",
  "containerUser": "root",
  "updateRemoteUserUID": false,
  "service": "ignored-without-compose"
}`
	c := Parse("/r/.devcontainer/devcontainer.json", []byte(src))
	if c.Err != nil || c.NotObject || c.Doc == nil || len(c.TrailingCommas) != 0 {
		t.Fatalf("Err=%v NotObject=%v Doc=%v TrailingCommas=%v", c.Err, c.NotObject, c.Doc != nil, c.TrailingCommas)
	}
	if c.Path != "/r/.devcontainer/devcontainer.json" || string(c.Content) != src {
		t.Errorf("Path/Content not kept")
	}
	checkString(t, c, "Image", c.Image, "mcr.microsoft.com/devcontainers/go:1-1.22-bookworm", `"mcr.microsoft.com/devcontainers/go:1-1.22-bookworm"`, `"image"`, "/image")
	checkString(t, c, "WorkspaceFolder", c.WorkspaceFolder, "/workspaces/demo", `"/workspaces/demo"`, `"workspaceFolder"`, "/workspaceFolder")
	checkString(t, c, "WorkspaceMount", c.WorkspaceMount, "source=${localWorkspaceFolder},target=/workspaces/demo,type=bind",
		`"source=${localWorkspaceFolder},target=/workspaces/demo,type=bind"`, `"workspaceMount"`, "/workspaceMount")
	checkString(t, c, "RemoteUser", c.RemoteUser, "vscode", `"vscode"`, `"remoteUser"`, "/remoteUser")
	checkString(t, c, "ContainerUser", c.ContainerUser, "root", `"root"`, `"containerUser"`, "/containerUser")
	checkString(t, c, "Service", c.Service, "ignored-without-compose", `"ignored-without-compose"`, `"service"`, "/service")
	if c.UpdateRemoteUserUID == nil || *c.UpdateRemoteUserUID {
		t.Errorf("UpdateRemoteUserUID = %v, want false", c.UpdateRemoteUserUID)
	}
	if c.DockerFile != nil || c.DockerComposeFile != nil || c.Compose() {
		t.Errorf("DockerFile=%v DockerComposeFile=%v", c.DockerFile, c.DockerComposeFile)
	}
	if c.Mounts != nil || c.ContainerEnv != nil || c.RemoteEnv != nil || c.Lifecycle != nil || c.LegacySettings != nil || c.LegacyExtensions != nil {
		t.Errorf("unexpected properties: %+v", c)
	}
	// The pointers address the same values in Doc, for edits.
	for _, s := range []*String{c.Image, c.WorkspaceFolder, c.WorkspaceMount, c.RemoteUser} {
		if v := c.Doc.Find(s.Ptr); v == nil || v.Start != s.Span.Start || v.End != s.Span.End {
			t.Errorf("Doc.Find(%q) = %+v, want span %+v", s.Ptr, v, s.Span)
		}
	}
}

func TestParseComments(t *testing.T) {
	src := "// header comment\n" +
		"/* block\n   comment */\n" +
		"{\n" +
		"\t// Or use a Dockerfile\n" +
		"\t\"image\": /* inline */ \"img\", // after\n" +
		"\t\"workspaceFolder\": \"http://not-a-comment/*x*/\"\n" +
		"\t// \"remoteUser\": \"root\"\n" +
		"}\n// trailer\n"
	c := Parse("p", []byte(src))
	if c.Err != nil {
		t.Fatalf("Err = %v", c.Err)
	}
	checkString(t, c, "Image", c.Image, "img", `"img"`, `"image"`, "/image")
	checkString(t, c, "WorkspaceFolder", c.WorkspaceFolder, "http://not-a-comment/*x*/", `"http://not-a-comment/*x*/"`, `"workspaceFolder"`, "/workspaceFolder")
	if c.RemoteUser != nil {
		t.Errorf("a commented-out remoteUser was read: %+v", c.RemoteUser)
	}
}

func TestParseTrailingCommas(t *testing.T) {
	tests := []struct {
		src    string
		commas int // how many
	}{
		{`{"image": "x",}`, 1},
		{`{"b": [1, 2,], "w": "/w", }`, 2},
		{"{\"mounts\": [\"target=/a\", /* c */ ], \"image\": \"x\" // c\n , }", 2},
		{`{"a": {"b": {"c": 1,},},}`, 3},
		{`{"image": "x"}`, 0},
		{`{"s": "a,]", "t": "}," }`, 0},
	}
	for _, tt := range tests {
		c := Parse("p", []byte(tt.src))
		if c.Err != nil {
			t.Errorf("%s: Err = %v; JSONC allows trailing commas", tt.src, c.Err)
			continue
		}
		if len(c.TrailingCommas) != tt.commas {
			t.Errorf("%s: TrailingCommas = %v, want %d", tt.src, c.TrailingCommas, tt.commas)
		}
		for _, off := range c.TrailingCommas {
			if off < 0 || off >= len(c.Content) || c.Content[off] != ',' {
				t.Errorf("%s: trailing comma offset %d does not point at a comma", tt.src, off)
				continue
			}
			// Only white space and comments up to the closing bracket.
			rest := strings.TrimLeft(string(c.Content[off+1:]), " \t\r\n")
			for strings.HasPrefix(rest, "/*") || strings.HasPrefix(rest, "//") {
				if strings.HasPrefix(rest, "/*") {
					rest = rest[strings.Index(rest, "*/")+2:]
				} else {
					rest = rest[strings.IndexByte(rest, '\n')+1:]
				}
				rest = strings.TrimLeft(rest, " \t\r\n")
			}
			if rest == "" || (rest[0] != '}' && rest[0] != ']') {
				t.Errorf("%s: comma at %d is not a trailing comma", tt.src, off)
			}
		}
	}
	c := Parse("p", []byte(`{"image": "x", "workspaceFolder": "/w",}`))
	checkString(t, c, "WorkspaceFolder", c.WorkspaceFolder, "/w", `"/w"`, `"workspaceFolder"`, "/workspaceFolder")
}

func TestParseBroken(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		errAt     int // -1: at the end
		doc       bool
		image     string // "" for none
		folder    string // "" for none
		remote    string
		notObject bool
	}{
		{name: "truncated after a name", src: `{ "image":"x", "workspaceFolder": `, errAt: -1, doc: true, image: "x"},
		{name: "truncated in a name", src: `{ "image":"x", "workspaceFol`, errAt: -1, doc: true, image: "x"},
		{name: "truncated after a value", src: `{ "image":"x", "workspaceFolder": "/w"`, errAt: -1, doc: true, image: "x", folder: "/w"},
		{name: "truncated in a string: the CLI keeps what it read", src: `{ "image":"x", "workspaceFolder": "/wor`, errAt: -1, doc: true, image: "x", folder: "/wor"},
		{name: "truncated in a nested object", src: "{\"image\": \"x\",\n\"customizations\": {\"vscode\": {\"settings\": {", errAt: -1, doc: true, image: "x"},
		{name: "missing comma", src: `{ "image":"x" "workspaceFolder":"/w" }`, errAt: 14, doc: true, image: "x", folder: "/w"},
		{name: "missing comma across lines", src: "{\n  \"image\": \"x\"\n  \"workspaceFolder\": \"/w\",\n  \"remoteUser\": \"u\"\n}", errAt: 19, doc: true, image: "x", folder: "/w", remote: "u"},
		{name: "missing value", src: `{"image": , "workspaceFolder": "/w"}`, errAt: 10, doc: true, folder: "/w"},
		{name: "unquoted value is skipped", src: `{"workspaceFolder": /workspace, "image": "x"}`, errAt: 20, doc: true, image: "x"},
		{name: "unquoted name is skipped", src: `{image: "x", "workspaceFolder": "/w"}`, errAt: 1, doc: true, folder: "/w"},
		{name: "single quotes", src: `{"image": 'x', "remoteUser": "u"}`, errAt: 10, doc: true, remote: "u"},
		{name: "text after the object", src: `{"image": "x"} trailing`, errAt: 15, doc: true, image: "x"},
		{name: "second object", src: `{"image": "x"}{"image": "y"}`, errAt: 14, doc: true, image: "x"},
		{name: "unterminated block comment", src: `{"image": "x" /* no end`, errAt: -1, doc: true, image: "x"},
		// The string ends at the line break; the quotes after it pair up
		// differently, so remoteUser is lost, as it is for the CLI.
		{name: "line break in a string", src: "{\"image\": \"x\ny\", \"remoteUser\": \"u\"}", errAt: 10, doc: true, image: "x"},
		{name: "line comment at the very end", src: "{\"image\": \"x\"}\n// end", errAt: -1, doc: true, image: "x"},
		{name: "byte order mark", src: "\uFEFF{\"image\": \"x\"}", errAt: 0, doc: false, image: "x"},
		{name: "leading garbage", src: `x{"image": "x"}`, errAt: 0, doc: false, image: "x"},
		{name: "empty", src: "", errAt: -1},
		{name: "blank", src: " \n\t", errAt: -1},
		{name: "only a comment", src: "// nothing\n", errAt: -1},
		{name: "starts with a comma", src: `, {"image": "x"}`, errAt: 0},
		{name: "truncated array", src: `["a", `, errAt: -1, doc: true, notObject: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Parse("p", []byte(tt.src))
			if c.Err == nil {
				t.Fatalf("Err = nil for %q", tt.src)
			}
			want := tt.errAt
			if want < 0 {
				want = len(tt.src)
			}
			if c.Err.Offset != want {
				t.Errorf("Err.Offset = %d (%s), want %d", c.Err.Offset, c.Err.Msg, want)
			}
			if (c.Doc != nil) != tt.doc {
				t.Errorf("Doc = %v, want one: %v", c.Doc, tt.doc)
			}
			if c.TrailingCommas != nil {
				t.Errorf("TrailingCommas = %v for a broken file", c.TrailingCommas)
			}
			if c.NotObject != tt.notObject {
				t.Errorf("NotObject = %v", c.NotObject)
			}
			for _, p := range []struct {
				what string
				s    *String
				want string
			}{{"Image", c.Image, tt.image}, {"WorkspaceFolder", c.WorkspaceFolder, tt.folder}, {"RemoteUser", c.RemoteUser, tt.remote}} {
				switch {
				case p.want == "" && p.s != nil:
					t.Errorf("%s = %q, want none", p.what, p.s.Raw)
				case p.want != "" && p.s == nil:
					t.Errorf("%s = nil, want %q", p.what, p.want)
				case p.s != nil && p.s.Raw != p.want:
					t.Errorf("%s = %q, want %q", p.what, p.s.Raw, p.want)
				case p.s != nil:
					if txt := at(t, c, p.s.Span); !strings.HasPrefix(txt, `"`+p.want) {
						t.Errorf("%s.Span covers %q", p.what, txt)
					}
				}
			}
		})
	}
}

// Doc holds what came before the error, as a document of its own.
func TestParseTruncatedDoc(t *testing.T) {
	c := Parse("p", []byte(`{ "image":"x", "workspaceFolder": `))
	if c.Doc == nil {
		t.Fatal("Doc = nil")
	}
	if v := c.Doc.Find("/image"); v == nil {
		t.Error("Doc has no image")
	}
	if v := c.Doc.Find("/workspaceFolder"); v != nil {
		t.Error("Doc has the cut workspaceFolder")
	}
}

// Spans of objects and arrays closed by the end of a broken file stay in
// the content.
func TestParseBrokenSpansInContent(t *testing.T) {
	for _, src := range []string{
		`{"settings": {`,
		`{"settings": {"a": 1, "b":`,
		`{"extensions": ["a",`,
		`{"mounts": [{"source": "/a", "target": "/b",`,
		`{"postCreateCommand": {"a": ["x",`,
	} {
		c := Parse("p", []byte(src))
		checkSpans(t, c)
		if strings.Contains(src, "settings") && c.LegacySettings == nil {
			t.Errorf("%s: LegacySettings = nil", src)
		}
	}
	c := Parse("p", []byte(`{"mounts": [{"source": "/a", "target": "/b",`))
	if len(c.Mounts) != 1 || c.Mounts[0].Object == nil || c.Mounts[0].Object.Target != "/b" {
		t.Errorf("Mounts = %+v, want the object read up to the end", c.Mounts)
	}
}

func TestParseNotObject(t *testing.T) {
	for _, src := range []string{`[]`, `[{"image": "x"}]`, `"x"`, `42`, `null`, `true`, "// c\n[1, 2,]"} {
		c := Parse("p", []byte(src))
		if c.Err != nil {
			t.Errorf("%s: Err = %v", src, c.Err)
		}
		if !c.NotObject {
			t.Errorf("%s: NotObject = false", src)
		}
		if c.Doc == nil {
			t.Errorf("%s: Doc = nil", src)
		}
		if c.Image != nil || c.Mounts != nil {
			t.Errorf("%s: read properties from a non-object", src)
		}
	}
	for _, src := range []string{`{}`, ` { } `, `{"image": "x"}`} {
		if c := Parse("p", []byte(src)); c.NotObject || c.Err != nil {
			t.Errorf("%s: NotObject=%v Err=%v", src, c.NotObject, c.Err)
		}
	}
}

func TestParseTypes(t *testing.T) {
	// Only strings are string properties: null, numbers, objects are not.
	c := Parse("p", []byte(`{"image": null, "workspaceFolder": null, "remoteUser": 42, "containerUser": {"a": "b"}, "service": ["x"],
		"updateRemoteUserUID": "false", "dockerComposeFile": 7}`))
	if c.Image != nil || c.WorkspaceFolder != nil || c.RemoteUser != nil || c.ContainerUser != nil || c.Service != nil {
		t.Errorf("non-strings read as strings: image=%v folder=%v user=%v cuser=%v service=%v", c.Image, c.WorkspaceFolder, c.RemoteUser, c.ContainerUser, c.Service)
	}
	if c.UpdateRemoteUserUID != nil {
		t.Errorf("UpdateRemoteUserUID = %v from a string", *c.UpdateRemoteUserUID)
	}
	if c.DockerComposeFile != nil {
		t.Errorf("DockerComposeFile = %v", c.DockerComposeFile)
	}
	c = Parse("p", []byte(`{"updateRemoteUserUID": true}`))
	if c.UpdateRemoteUserUID == nil || !*c.UpdateRemoteUserUID {
		t.Errorf("UpdateRemoteUserUID = %v, want true", c.UpdateRemoteUserUID)
	}
	// Escapes are decoded; the span keeps them.
	c = Parse("p", []byte(`{"workspaceFolder": "/w\u00e9\\x\/y\t\ud83d\ude00"}`))
	checkString(t, c, "WorkspaceFolder", c.WorkspaceFolder, "/wé\\x/y\t😀", `"/w\u00e9\\x\/y\t\ud83d\ude00"`, "", "/workspaceFolder")
}

// The CLI tests `'workspaceMount' in config`, then mounts it only when it
// is truthy: "", null, false and 0 all mean "no workspace mount".
func TestParseWorkspaceMountFalsy(t *testing.T) {
	for _, v := range []string{`""`, `null`, `false`, `0`} {
		c := Parse("p", []byte(`{"image": "x", "workspaceMount": `+v+`}`))
		if c.WorkspaceMount == nil {
			t.Errorf("workspaceMount %s: nil, want Raw \"\"", v)
			continue
		}
		checkString(t, c, "WorkspaceMount", c.WorkspaceMount, "", v, `"workspaceMount"`, "/workspaceMount")
		if w := Resolve(c, "/r", "/r", nil, "linux"); w.Mount != nil || w.MountErr != nil {
			t.Errorf("workspaceMount %s: Mount=%v MountErr=%v", v, w.Mount, w.MountErr)
		}
	}
	for _, v := range []string{`true`, `1`, `{}`, `[]`} {
		if c := Parse("p", []byte(`{"workspaceMount": `+v+`}`)); c.WorkspaceMount != nil {
			t.Errorf("workspaceMount %s: %+v, want nil", v, c.WorkspaceMount)
		}
	}
}

// Repeated names: the last one counts, as in the CLI's JavaScript object.
func TestParseDuplicates(t *testing.T) {
	src := `{"workspaceFolder": "/a", "image": "x", "workspaceFolder": "/b",
	"containerEnv": {"A": "1", "B": "2", "A": "3"},
	"workspaceMount": "target=/m", "workspaceMount": {"bad": 1}}`
	c := Parse("p", []byte(src))
	checkString(t, c, "WorkspaceFolder", c.WorkspaceFolder, "/b", `"/b"`, `"workspaceFolder"`, "/workspaceFolder")
	if c.WorkspaceFolder.Key.Start < strings.Index(src, `"image"`) {
		t.Errorf("Key points at the first workspaceFolder")
	}
	if c.WorkspaceMount != nil {
		t.Errorf("WorkspaceMount = %+v: the last one is not a string", c.WorkspaceMount)
	}
	var got []string
	for _, e := range c.ContainerEnv {
		got = append(got, e.Name+"="+e.Raw)
	}
	if want := []string{"A=3", "B=2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ContainerEnv = %v, want %v", got, want)
	}
}

func TestParseDockerfile(t *testing.T) {
	tests := []struct {
		src, raw, key, ptr string
	}{
		{`{"dockerFile": "Dockerfile"}`, "Dockerfile", `"dockerFile"`, "/dockerFile"},
		{`{"build": {"dockerfile": "../Dockerfile", "context": ".."}}`, "../Dockerfile", `"dockerfile"`, "/build/dockerfile"},
		{`{"dockerFile": "A", "build": {"dockerfile": "B"}}`, "A", `"dockerFile"`, "/dockerFile"},
		{`{"dockerFile": 1, "build": {"dockerfile": "B"}}`, "B", `"dockerfile"`, "/build/dockerfile"},
	}
	for _, tt := range tests {
		c := Parse("p", []byte(tt.src))
		checkString(t, c, tt.src, c.DockerFile, tt.raw, `"`+tt.raw+`"`, tt.key, tt.ptr)
	}
	for _, src := range []string{`{"dockerfile": "x"}`, `{"build": {"dockerFile": "x"}}`, `{"build": "x"}`, `{"build": {"context": "."}}`} {
		if c := Parse("p", []byte(src)); c.DockerFile != nil {
			t.Errorf("%s: DockerFile = %q", src, c.DockerFile.Raw)
		}
	}
}

func TestParseCompose(t *testing.T) {
	c := Parse("p", []byte(`{"dockerComposeFile": "docker-compose.yml", "service": "app"}`))
	if !c.Compose() || len(c.DockerComposeFile) != 1 {
		t.Fatalf("Compose=%v DockerComposeFile=%v", c.Compose(), c.DockerComposeFile)
	}
	checkString(t, c, "DockerComposeFile[0]", c.DockerComposeFile[0], "docker-compose.yml", `"docker-compose.yml"`, `"dockerComposeFile"`, "/dockerComposeFile")
	checkString(t, c, "Service", c.Service, "app", `"app"`, `"service"`, "/service")

	c = Parse("p", []byte(`{"dockerComposeFile": ["../docker-compose.yml", 3, "docker-compose.dev.yml"]}`))
	if !c.Compose() || len(c.DockerComposeFile) != 2 {
		t.Fatalf("Compose=%v DockerComposeFile=%v", c.Compose(), c.DockerComposeFile)
	}
	checkString(t, c, "DockerComposeFile[0]", c.DockerComposeFile[0], "../docker-compose.yml", `"../docker-compose.yml"`, "", "/dockerComposeFile/0")
	checkString(t, c, "DockerComposeFile[1]", c.DockerComposeFile[1], "docker-compose.dev.yml", `"docker-compose.dev.yml"`, "", "/dockerComposeFile/2")

	if c := Parse("p", []byte(`{"dockerComposeFile": []}`)); c.Compose() {
		t.Errorf("an empty dockerComposeFile list is Compose")
	}
}

func TestParseMounts(t *testing.T) {
	src := `{
	"mounts": [
		// volume for docker-in-docker
		"type=volume,source=dind-var-lib-docker,target=/var/lib/docker",
		{ "source": "${localEnv:HOME}/.ssh", "target": "/mnt/ssh", "type": "bind" },
		42,
		{ "Source": "/x", "TARGET": "/y", "type": "bind", "readonly": true },
		"source=/lib/modules,target=/lib/modules,type=bind,readonly",
	]
}`
	c := Parse("p", []byte(src))
	if len(c.Mounts) != 4 {
		t.Fatalf("%d mounts, want 4: %+v", len(c.Mounts), c.Mounts)
	}
	m := c.Mounts[0]
	if m.Form != "string" || m.Raw != "type=volume,source=dind-var-lib-docker,target=/var/lib/docker" || m.Object != nil || m.Ptr != "/mounts/0" {
		t.Errorf("mounts[0] = %+v", m)
	}
	if got := at(t, c, m.Span); got != `"type=volume,source=dind-var-lib-docker,target=/var/lib/docker"` {
		t.Errorf("mounts[0] span covers %q", got)
	}
	m = c.Mounts[1]
	if m.Form != "object" || m.Raw != "" || m.Ptr != "/mounts/1" || m.Object == nil ||
		*m.Object != (Mount{Type: "bind", Source: "${localEnv:HOME}/.ssh", Target: "/mnt/ssh"}) {
		t.Errorf("mounts[1] = %+v %+v", m, m.Object)
	}
	if got := at(t, c, m.Span); !strings.HasPrefix(got, "{") || !strings.HasSuffix(got, "}") || !strings.Contains(got, "/mnt/ssh") {
		t.Errorf("mounts[1] span covers %q", got)
	}
	// The element that is neither is skipped; the pointers keep the index.
	m = c.Mounts[2]
	if m.Ptr != "/mounts/3" || m.Form != "object" {
		t.Errorf("mounts[2] = %+v", m)
	}
	// The CLI reads source/target in lower case only (JavaScript).
	if *m.Object != (Mount{Type: "bind"}) {
		t.Errorf("mounts[2].Object = %+v: names are case-sensitive", *m.Object)
	}
	if m := c.Mounts[3]; m.Ptr != "/mounts/4" || m.Form != "string" {
		t.Errorf("mounts[3] = %+v", m)
	}
	for _, m := range c.Mounts {
		if v := c.Doc.Find(m.Ptr); v == nil || v.Start != m.Span.Start || v.End != m.Span.End {
			t.Errorf("Doc.Find(%q) does not match the span %+v", m.Ptr, m.Span)
		}
	}
	for _, src := range []string{`{"mounts": "type=bind,source=/a,target=/b"}`, `{"mounts": {}}`, `{"mounts": [null, true]}`} {
		if c := Parse("p", []byte(src)); c.Mounts != nil {
			t.Errorf("%s: Mounts = %+v", src, c.Mounts)
		}
	}
}

func TestParseEnv(t *testing.T) {
	src := `{
	"containerEnv": {
		"GOPATH": "/go", // comment
		"PULUMI_ACCESS_TOKEN": "${localEnv:PULUMI_ACCESS_TOKEN}",
		"NUM": 1,
		"a/b~c": "x"
	},
	"remoteEnv": { "PATH": "${containerEnv:PATH}:/go/bin", "UNSET": null }
}`
	c := Parse("p", []byte(src))
	type env struct{ name, raw, text, key, ptr string }
	want := []env{
		{"GOPATH", "/go", `"/go"`, `"GOPATH"`, "/containerEnv/GOPATH"},
		{"PULUMI_ACCESS_TOKEN", "${localEnv:PULUMI_ACCESS_TOKEN}", `"${localEnv:PULUMI_ACCESS_TOKEN}"`, `"PULUMI_ACCESS_TOKEN"`, "/containerEnv/PULUMI_ACCESS_TOKEN"},
		{"a/b~c", "x", `"x"`, `"a/b~c"`, "/containerEnv/a~1b~0c"},
	}
	if len(c.ContainerEnv) != len(want) {
		t.Fatalf("ContainerEnv = %d entries, want %d", len(c.ContainerEnv), len(want))
	}
	for i, w := range want {
		e := c.ContainerEnv[i]
		if e.Name != w.name {
			t.Errorf("ContainerEnv[%d].Name = %q, want %q", i, e.Name, w.name)
		}
		checkString(t, c, "ContainerEnv."+w.name, &e.String, w.raw, w.text, w.key, w.ptr)
		if v := c.Doc.Find(e.Ptr); v == nil || v.Start != e.Span.Start {
			t.Errorf("Doc.Find(%q) misses", e.Ptr)
		}
	}
	if len(c.RemoteEnv) != 1 || c.RemoteEnv[0].Name != "PATH" {
		t.Fatalf("RemoteEnv = %+v", c.RemoteEnv)
	}
	checkString(t, c, "RemoteEnv.PATH", &c.RemoteEnv[0].String, "${containerEnv:PATH}:/go/bin", `"${containerEnv:PATH}:/go/bin"`, `"PATH"`, "/remoteEnv/PATH")
	if c := Parse("p", []byte(`{"containerEnv": ["A=1"]}`)); c.ContainerEnv != nil {
		t.Errorf("an array containerEnv gave %+v", c.ContainerEnv)
	}
}

func TestParseLifecycle(t *testing.T) {
	src := `{
	"initializeCommand": ["echo", "init"],
	"postStartCommand": "make run",
	"onCreateCommand": {
		"symlinks": "sudo ln -sf /usr/bin/clang-17 /usr/bin/clang",
		"go": ["go", "mod", "download"],
		"bad": 5,
		"nested": {"x": "not a command"}
	},
	"postCreateCommand": "go mod tidy",
	"postAttachCommand": null,
	"updateContentCommand": []
}`
	c := Parse("p", []byte(src))
	type cmd struct{ raw, ptr string }
	var got []cmd
	for _, s := range c.Lifecycle {
		got = append(got, cmd{s.Raw, s.Ptr})
		if txt := at(t, c, s.Span); txt != `"`+s.Raw+`"` {
			t.Errorf("%s: span covers %q", s.Ptr, txt)
		}
		if v := c.Doc.Find(s.Ptr); v == nil || v.Start != s.Span.Start {
			t.Errorf("Doc.Find(%q) misses", s.Ptr)
		}
	}
	// Hooks in the CLI's order, then the strings of each in file order.
	want := []cmd{
		{"echo", "/initializeCommand/0"},
		{"init", "/initializeCommand/1"},
		{"sudo ln -sf /usr/bin/clang-17 /usr/bin/clang", "/onCreateCommand/symlinks"},
		{"go", "/onCreateCommand/go/0"},
		{"mod", "/onCreateCommand/go/1"},
		{"download", "/onCreateCommand/go/2"},
		{"go mod tidy", "/postCreateCommand"},
		{"make run", "/postStartCommand"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lifecycle =\n%v\nwant\n%v", got, want)
	}
}

func TestParseLegacy(t *testing.T) {
	src := `{
	"settings": { "go.gopath": "/go" },
	"extensions": ["golang.go"],
	"customizations": { "vscode": { "settings": {}, "extensions": [] } }
}`
	c := Parse("p", []byte(src))
	if c.LegacySettings == nil || at(t, c, *c.LegacySettings) != `{ "go.gopath": "/go" }` {
		t.Errorf("LegacySettings = %v", c.LegacySettings)
	}
	if c.LegacyExtensions == nil || at(t, c, *c.LegacyExtensions) != `["golang.go"]` {
		t.Errorf("LegacyExtensions = %v", c.LegacyExtensions)
	}
	c = Parse("p", []byte(`{"customizations": { "vscode": { "settings": {}, "extensions": [] } }}`))
	if c.LegacySettings != nil || c.LegacyExtensions != nil {
		t.Errorf("customizations.vscode read as legacy")
	}
}

func TestParseDeepNesting(t *testing.T) {
	src := `{"image": "x", "a": ` + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + `, "remoteUser": "u"}`
	c := Parse("p", []byte(src))
	if c.Image == nil || c.RemoteUser == nil || c.RemoteUser.Raw != "u" {
		t.Errorf("Image=%v RemoteUser=%v", c.Image, c.RemoteUser)
	}
}

// checkSpans checks that every span lies in the content, that string
// spans are quoted, and that trailing commas are commas.
func checkSpans(t *testing.T, c *Config) {
	t.Helper()
	n := len(c.Content)
	in := func(what string, sp Span) {
		t.Helper()
		if sp.Start < 0 || sp.Start > sp.End || sp.End > n {
			t.Fatalf("%s: span %+v outside the content (%d bytes)", what, sp, n)
		}
	}
	str := func(what string, s *String) {
		t.Helper()
		if s == nil {
			return
		}
		in(what, s.Span)
		if s.Span.End == s.Span.Start || c.Content[s.Span.Start] != '"' {
			t.Fatalf("%s: span %+v does not start with a quote", what, s.Span)
		}
		if s.Key != (Span{}) {
			in(what+" key", s.Key)
			if c.Content[s.Key.Start] != '"' || s.Key.End > s.Span.Start {
				t.Fatalf("%s: key span %+v", what, s.Key)
			}
		}
		if c.Err == nil {
			var raw string
			if err := json.Unmarshal(c.Content[s.Span.Start:s.Span.End], &raw); err != nil || raw != s.Raw {
				t.Fatalf("%s: span %q decodes to %q (%v), Raw %q", what, c.Content[s.Span.Start:s.Span.End], raw, err, s.Raw)
			}
		}
	}
	for what, s := range map[string]*String{"image": c.Image, "dockerFile": c.DockerFile, "service": c.Service, "workspaceFolder": c.WorkspaceFolder,
		"remoteUser": c.RemoteUser, "containerUser": c.ContainerUser} {
		str(what, s)
	}
	if c.WorkspaceMount != nil {
		in("workspaceMount", c.WorkspaceMount.Span)
		in("workspaceMount key", c.WorkspaceMount.Key)
		if c.WorkspaceMount.Raw != "" {
			str("workspaceMount", c.WorkspaceMount)
		}
	}
	for _, s := range c.DockerComposeFile {
		str("dockerComposeFile", s)
	}
	for _, s := range c.Lifecycle {
		str("lifecycle", s)
	}
	for _, e := range append(append([]*EnvVar{}, c.ContainerEnv...), c.RemoteEnv...) {
		str("env "+e.Name, &e.String)
	}
	for _, m := range c.Mounts {
		in("mount", m.Span)
		if (m.Form == "string") != (m.Object == nil) || (m.Form != "string" && m.Form != "object") {
			t.Fatalf("mount %+v: Form and Object disagree", m)
		}
	}
	for _, sp := range []*Span{c.LegacySettings, c.LegacyExtensions} {
		if sp != nil {
			in("legacy", *sp)
		}
	}
	for _, off := range c.TrailingCommas {
		if off < 0 || off >= n || c.Content[off] != ',' {
			t.Fatalf("trailing comma at %d is not a comma", off)
		}
	}
	if c.Err != nil && (c.Err.Offset < 0 || c.Err.Offset > n) {
		t.Fatalf("Err.Offset %d outside the content", c.Err.Offset)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"image": "x", "workspaceFolder": "/w", "workspaceMount": "source=${localWorkspaceFolder},target=/w,type=bind"}`,
		"// c\n{\"mounts\": [\"type=volume,target=/v\", {\"source\": \"/a\", \"target\": \"/b\", \"type\": \"bind\"},],}",
		`{"containerEnv": {"A": "1", "A": "2"}, "remoteEnv": {"B": null}}`,
		`{"postCreateCommand": {"a": "x", "b": ["y", "z"]}, "settings": {}, "extensions": []}`,
		`{"build": {"dockerfile": "D"}, "dockerComposeFile": ["a", "b"]}`,
		`{ "image":"x" "workspaceFolder":"/w" }`,
		`{ "image":"x", "workspaceFolder": `,
		`{"settings": {`,
		`[]`, `"x"`, `42`, ``, `/*`, "\uFEFF{}", `{"a": "\ud800\u0041"}`, `{"workspaceMount": 0}`,
	} {
		f.Add([]byte(s))
	}
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.json"))
	for _, name := range corpus {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	env := map[string]string{"HOME": "/home/u"}
	f.Fuzz(func(t *testing.T, content []byte) {
		c := Parse("p", content)
		checkSpans(t, c)
		// Resolving never panics either, on any host.
		for _, host := range []string{"linux", "windows"} {
			w := Resolve(c, "/home/u/r/sub", "/home/u/r", env, host)
			if p, ok := w.ContainerPath("/home/u/r/go.mod"); ok && p == "" {
				t.Fatalf("ContainerPath gave an empty path")
			}
			_ = w.UnderMount(w.Folder)
		}
		if c.Doc != nil && c.Err == nil {
			// A valid document: the lenient reading agrees with the strict one.
			var strict any
			if err := c.Doc.Decode(&strict); err != nil {
				return // e.g. a number encoding/json cannot hold
			}
			if lenient := toAny(readLenient(content)); !reflect.DeepEqual(lenient, strict) {
				t.Fatalf("lenient %#v\nstrict %#v", lenient, strict)
			}
		}
	})
}

// toAny is a lenient node as encoding/json would decode it.
func toAny(n *node) any {
	if n == nil {
		return nil
	}
	switch n.kind {
	case kindBool:
		return n.b
	case kindString:
		return n.str
	case kindNumber:
		var f float64
		if json.Unmarshal([]byte(n.str), &f) != nil {
			return n.str
		}
		return f
	case kindArray:
		out := []any{}
		for _, e := range n.elems {
			out = append(out, toAny(e))
		}
		return out
	case kindObject:
		out := map[string]any{}
		for _, name := range n.names() {
			out[name] = toAny(n.get(name).value)
		}
		return out
	}
	return nil
}
