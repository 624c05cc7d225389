package goplstrace

import (
	"reflect"
	"slices"
	"testing"
)

func TestParseLogMessage(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       LogMessage
	}{
		{
			name: "load error with blank line before the labels",
			text: "2026/11/22 01:18:38 go/packages.Load #1: err: exit status 1: stderr: go: cannot load module lib-missing listed in go.work file: open lib-missing/go.mod: no such file or directory\n\n\tview_id=\"1\"\n\tsnapshot=0\n\tdirectory=/home/dev/ws/06-gowork-missing-use\n\tquery=[/home/dev/ws/06-gowork-missing-use/app/... builtin]\n\tpackages=0\n\tduration=36.376321ms\n",
			want: LogMessage{
				Time:    "2026/11/22 01:18:38",
				Message: "go/packages.Load #1: err: exit status 1: stderr: go: cannot load module lib-missing listed in go.work file: open lib-missing/go.mod: no such file or directory",
				Labels: []Label{{"view_id", "1"}, {"snapshot", "0"}, {"directory", "/home/dev/ws/06-gowork-missing-use"},
					{"query", "[/home/dev/ws/06-gowork-missing-use/app/... builtin]"}, {"packages", "0"}, {"duration", "36.376321ms"}},
			},
		},
		{
			name: "the go command's indented lines are not labels",
			text: "2026/11/22 01:19:33 go/packages.Load #1: err: exit status 1: stderr: go: inconsistent vendoring in /w:\n\tgolang.org/x/mod@v0.20.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor\n\n\tview_id=\"1\"\n\tpackages=0\n",
			want: LogMessage{
				Time:    "2026/11/22 01:19:33",
				Message: "go/packages.Load #1: err: exit status 1: stderr: go: inconsistent vendoring in /w:\n\tgolang.org/x/mod@v0.20.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor",
				Labels:  []Label{{"view_id", "1"}, {"packages", "0"}},
			},
		},
		{
			name: "no labels",
			text: "2026/11/22 01:18:30 tidy: diagnosing file:///w/go.mod: err: exit status 1: stderr: go: example.com/replacemissing imports\n\texample.com/dep: example.com/dep@v0.0.0: replacement directory ../dep-that-does-not-exist does not exist\n\n",
			want: LogMessage{
				Time:    "2026/11/22 01:18:30",
				Message: "tidy: diagnosing file:///w/go.mod: err: exit status 1: stderr: go: example.com/replacemissing imports\n\texample.com/dep: example.com/dep@v0.0.0: replacement directory ../dep-that-does-not-exist does not exist",
			},
		},
		{
			name: "a label value on two lines, quoted values",
			text: "2026/08/20 10:11:12 Created View (#1)\n\tview_type=\"GoMod\"\n\tenv={GOOS:linux GoVersionOutput:go version go1.25.0 linux/amd64\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}\n\tenv_overlay=[]\n\tpackage=\"_/home/dev/ws/08-no-gomod\"\n",
			want: LogMessage{
				Time:    "2026/08/20 10:11:12",
				Message: "Created View (#1)",
				Labels: []Label{{"view_type", "GoMod"},
					{"env", "{GOOS:linux GoVersionOutput:go version go1.25.0 linux/amd64\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}"},
					{"env_overlay", "[]"}, {"package", "_/home/dev/ws/08-no-gomod"}},
			},
		},
		{name: "plain text", text: "Request textDocument/definition failed.", want: LogMessage{Message: "Request textDocument/definition failed."}},
		{name: "empty", text: "", want: LogMessage{}},
		{name: "only a time", text: "2026/11/22 01:18:38 ", want: LogMessage{Time: "2026/11/22 01:18:38"}},
		{name: "bad quoting kept", text: "x\n\tk=\"a\\q\"", want: LogMessage{Message: "x", Labels: []Label{{"k", `"a\q"`}}}},
	} {
		got := ParseLogMessage(tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tc.name, got, tc.want)
		}
	}
	m := ParseLogMessage("x\n\ta=1\n\tb=2\n\ta=3")
	if v, ok := m.Label("a"); !ok || v != "1" {
		t.Errorf("Label(a) = %q, %v", v, ok)
	}
	if _, ok := m.Label("c"); ok {
		t.Error("Label(c) found")
	}
}

func TestParseViewOld(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       View
	}{
		{
			// v0.12–v0.14 (golang/go#63536, vscode-go#2884)
			name: "go info for, selected go env",
			text: "2023/10/12 10:03:51 go info for /Users/hakim/projects/tools\n(go dir /Users/hakim/projects/tools)\n(go version go version go1.21.3 darwin/arm64)\n(valid build configuration = true)\n(build flags: [])\n(selected go env: [GO111MODULE=, GOCACHE=/Users/hakim/Library/Caches/go-build, GOFLAGS=-mod=mod -tags=a,b, GOMODCACHE=/Users/hakim/go/pkg/mod, GOPATH=/Users/hakim/go, GOPRIVATE=, GOROOT=/usr/local/go, GOWORK=])\n\tdirectory=file:///Users/hakim/projects/tools\n",
			want: View{
				Directory: "/Users/hakim/projects/tools", RootDir: "/Users/hakim/projects/tools",
				GoVersion: "go version go1.21.3 darwin/arm64",
				Env: map[string]string{"GO111MODULE": "", "GOCACHE": "/Users/hakim/Library/Caches/go-build", "GOFLAGS": "-mod=mod -tags=a,b",
					"GOMODCACHE": "/Users/hakim/go/pkg/mod", "GOPATH": "/Users/hakim/go", "GOPRIVATE": "", "GOROOT": "/usr/local/go", "GOWORK": ""},
			},
		},
		{
			name: "go info for, v0.15",
			text: "2024/02/01 10:00:00 go info for /w\n(view type GoMod)\n(root dir file:///w/mod%20a)\n(go version go version go1.22.0 linux/amd64)\n(build flags: [-tags=integration])\n(go env: {GOOS:linux GOARCH:amd64 GOFLAGS: GO111MODULE:on GoVersion:22 GoVersionOutput:go version go1.22.0 linux/amd64\n ExplicitGOWORK:})\n(env overlay: [GOWORK=off])",
			want: View{
				Directory: "/w", ViewType: "GoMod", RootDir: "/w/mod a", GoVersion: "go version go1.22.0 linux/amd64",
				BuildFlags: []string{"-tags=integration"}, EnvOverlay: []string{"GOWORK=off"},
				Env: map[string]string{"GOOS": "linux", "GOARCH": "amd64", "GOFLAGS": "", "GO111MODULE": "on", "GoVersion": "22",
					"GoVersionOutput": "go version go1.22.0 linux/amd64", "ExplicitGOWORK": ""},
			},
		},
		{
			// ≤ v0.11 (vscode-go#1496, #1595)
			name: "go env for",
			text: "2021/05/12 10:43:15 go env for /Users/x/proj\n(root /Users/x/proj)\n(go version go version go1.16.4 darwin/amd64)\n(valid build configuration = false)\n(build flags: [])\nGOFLAGS=\nGOPATH=/Users/x/go\nGOMOD=/dev/null\nGO111MODULE=on\nGOPROXY=https://goproxy.example.test,direct\n",
			want: View{
				Directory: "/Users/x/proj", RootDir: "/Users/x/proj", GoVersion: "go version go1.16.4 darwin/amd64",
				Env: map[string]string{"GOFLAGS": "", "GOPATH": "/Users/x/go", "GOMOD": "/dev/null", "GO111MODULE": "on", "GOPROXY": "https://goproxy.example.test,direct"},
			},
		},
	} {
		got, ok := ParseView(ParseLogMessage(tc.text))
		if !ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v\n got %#v\nwant %#v", tc.name, ok, got, tc.want)
		}
	}
	if _, ok := ParseView(ParseLogMessage("2026/11/22 01:18:38 go/packages.Load #1")); ok {
		t.Error("a load message read as a view")
	}
}

func TestParseViewCreated(t *testing.T) {
	m := ParseLogMessage("2026/11/22 01:21:21 Created View (#2)\n\tdirectory=/home/dev/ws/17 x/unlisted\n\tview_type=\"GoMod\"\n\troot_dir=\"file:///home/dev/ws/17%20x/unlisted\"\n\tgo_version=\"go version go1.26.8 linux/amd64\"\n\tbuild_flags=[-tags=a -mod=mod]\n\tenv={GOOS:linux GOARCH:amd64 GOCACHE:C:\\Users\\me\\cache GOPATH:/home/dev/my go GOPRIVATE: GOFLAGS:-mod=mod -tags=x GO111MODULE: GoVersion:26 GoVersionOutput:go version go1.26.8 linux/amd64\n ExplicitGOWORK: EffectiveGOPACKAGESDRIVER:}\n\tenv_overlay=[GOARCH=amd64 GOOS=windows]\n")
	v, ok := ParseView(m)
	want := View{
		ID: "2", Directory: "/home/dev/ws/17 x/unlisted", ViewType: "GoMod", RootDir: "/home/dev/ws/17 x/unlisted",
		GoVersion: "go version go1.26.8 linux/amd64", BuildFlags: []string{"-tags=a", "-mod=mod"},
		Env: map[string]string{"GOOS": "linux", "GOARCH": "amd64", "GOCACHE": `C:\Users\me\cache`, "GOPATH": "/home/dev/my go",
			"GOPRIVATE": "", "GOFLAGS": "-mod=mod -tags=x", "GO111MODULE": "", "GoVersion": "26",
			"GoVersionOutput": "go version go1.26.8 linux/amd64", "ExplicitGOWORK": "", "EffectiveGOPACKAGESDRIVER": ""},
		EnvOverlay: []string{"GOARCH=amd64", "GOOS=windows"},
	}
	if !ok || !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v\nwant %#v", v, want)
	}
}

func TestURIToPath(t *testing.T) {
	for _, tc := range [][2]string{
		{"file:///a/b%20c", "/a/b c"},
		{"file:///home/dev/ws/15a%20%E9%A1%B9%E7%9B%AE%20my%20project", "/home/dev/ws/15a 项目 my project"},
		{"file:///c%3A/x", "C:/x"},
		{"file:///c:/Users/me", "C:/Users/me"},
		{"FILE:///d%3a/x%2", "D:/x%2"},
		{"file://localhost/etc", "/etc"},
		{"file://wsl%24/Ubuntu/home", "//wsl$/Ubuntu/home"},
		{"file://server/share/a", "//server/share/a"},
		{"file:///a/b?x#y", "/a/b"},
		{"file://", "/"},
		{"file:///%zz%", "/%zz%"},
		{"/plain/path", "/plain/path"},
		{"untitled:Untitled-1", "untitled:Untitled-1"},
		{"", ""},
	} {
		if got := URIToPath(tc[0]); got != tc[1] {
			t.Errorf("URIToPath(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
}

func TestParseServerInfo(t *testing.T) {
	for _, tc := range []struct {
		result string
		want   ServerInfo
		ok     bool
	}{
		{`{"capabilities":{"x":[1,{"y":"}"}]},"serverInfo":{"name":"gopls","version":"{\"GoVersion\":\"go1.27.4\",\"Path\":\"golang.org/x/tools/gopls\",\"Main\":{\"Path\":\"golang.org/x/tools/gopls\",\"Version\":\"v0.24.0\",\"Sum\":\"h1:x\"},\"Deps\":[],\"Version\":\"v0.24.0\"}"}}`,
			ServerInfo{"v0.24.0", "go1.27.4", "golang.org/x/tools/gopls"}, true},
		{`{"serverInfo":{"name":"gopls","version":"{\"GoVersion\":\"go1.21.13\",\"Path\":\"golang.org/x/tools/gopls\",\"Main\":{\"Path\":\"golang.org/x/tools/gopls\",\"Version\":\"(devel)\"}}"}}`,
			ServerInfo{"(devel)", "go1.21.13", "golang.org/x/tools/gopls"}, true},
		{`{"serverInfo":{"name":"gopls","version":"v0.4.0"}}`, ServerInfo{GoplsVersion: "v0.4.0"}, true},
		{`{"serverInfo":{"name":"gopls","version":"(devel)"}}`, ServerInfo{GoplsVersion: "(devel)"}, true},
		{`{"serverInfo":{"name":"gopls","version":"golang.org/x/tools/gopls v0.7.0\n    golang.org/x/tools/gopls@v0.7.0 h1:x="}}`,
			ServerInfo{GoplsVersion: "v0.7.0", Path: "golang.org/x/tools/gopls"}, true},
		{"{\n    \"serverInfo\": {\n        \"name\": \"gopls\",\n        \"version\": \"v0.9.1\"\n    }\n}", ServerInfo{GoplsVersion: "v0.9.1"}, true},
		{`{"capabilities":{}}`, ServerInfo{}, false},
		{`{"serverInfo":{"name":"gopls"}}`, ServerInfo{}, false},
		{`null`, ServerInfo{}, false},
		{``, ServerInfo{}, false},
		{`{"serverInfo":{"version":"{broken"}}`, ServerInfo{GoplsVersion: "{broken"}, true},
	} {
		got, ok := ParseServerInfo([]byte(tc.result))
		if got != tc.want || ok != tc.ok {
			t.Errorf("%.60s: got %+v %v, want %+v %v", tc.result, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseInitParams(t *testing.T) {
	p, ok := ParseInitParams([]byte(`{"processId":1,"clientInfo":{"name":"Visual Studio Code","version":"1.96.0"},"rootPath":"/w/a b","rootUri":"file:///w/a%20b","capabilities":{"workspace":{"configuration":true}},"workspaceFolders":[{"uri":"file:///w/a%20b","name":"a b"},{"uri":"file:///c%3A/src","name":"src"}]}`))
	want := InitParams{RootURI: "file:///w/a%20b", RootPath: "/w/a b", ClientName: "Visual Studio Code", ClientVersion: "1.96.0",
		Folders: []Folder{{"file:///w/a%20b", "a b", "/w/a b"}, {"file:///c%3A/src", "src", "C:/src"}}}
	if !ok || !reflect.DeepEqual(p, want) {
		t.Errorf("got %+v", p)
	}
	p, ok = ParseInitParams([]byte(`{"processId":1,"rootUri":null,"workspaceFolders":null}`))
	if !ok || !reflect.DeepEqual(p, InitParams{}) {
		t.Errorf("null folders: %+v %v", p, ok)
	}
	for _, bad := range []string{"", "null", "[]", `{"processId":1}`, `{"rootUri":`} {
		if _, ok := ParseInitParams([]byte(bad)); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestUnquote(t *testing.T) {
	for _, tc := range [][2]string{
		{`"a\u003e=b \u0026 \u003c"`, "a>=b & <"},
		{`"tab\there\nline \"q\" \\ \/"`, "tab\there\nline \"q\" \\ /"},
		{`"\ud83d\ude00 \u9879"`, "😀 项"},
		{`"lone \ud83d x"`, "lone \uFFFD x"},
		{`"项目"`, "项目"},
	} {
		got, ok := jsonString([]byte(tc[0]))
		if !ok || got != tc[1] {
			t.Errorf("jsonString(%s) = %q, %v", tc[0], got, ok)
		}
	}
	for _, bad := range []string{`"\x"`, `"a`, `null`, `"\u12"`, `"\`} {
		if s, ok := jsonString([]byte(bad)); ok {
			t.Errorf("jsonString(%q) = %q", bad, s)
		}
	}
	obj := []byte(` { "a" : [1, "]", {"b": "}"}] , "c":"x\"y", "d": true, "e":-1.5e3 } `)
	f := fields(obj, "c", "d", "e", "a")
	got := []string{string(f[0]), string(f[1]), string(f[2]), string(f[3])}
	if !slices.Equal(got, []string{`"x\"y"`, "true", "-1.5e3", `[1, "]", {"b": "}"}]`}) {
		t.Errorf("fields: %q", got)
	}
	if f := fields(obj, "z", "a"); f[0] != nil || f[1] == nil || f[2] != nil {
		t.Errorf("fields: %q", f)
	}
	for _, bad := range []string{"", "{", `{"a"`, `{"a":`, `{"a":"`, `{"a":[1`, `[1]`, `{"a" 1}`} {
		if f := fields([]byte(bad), "a"); f[0] != nil {
			t.Errorf("fields(%q) = %q", bad, f[0])
		}
	}
}
