package goenv

import (
	"path/filepath"
	"testing"
)

func TestCompose(t *testing.T) {
	env := Compose(
		Layer{Source: Source{Kind: "go env -w", File: "/h/.config/go/env"}, Vars: []Value{{Key: "GOPROXY", Value: "off"}, {Key: "GO111MODULE", Value: "auto"}}},
		Layer{Source: Source{Kind: "the environment"}, Vars: []Value{{Key: "GO111MODULE", Value: "on"}}},
		Layer{Source: Source{Kind: "go.toolsEnvVars", File: "/ws/.vscode/settings.json"}, Vars: []Value{{Key: "GO111MODULE", Value: "off", Source: Source{Kind: "go.toolsEnvVars", File: "/ws/.vscode/settings.json", Ptr: "/go.toolsEnvVars/GO111MODULE", Start: 30, End: 35}}}},
	)
	v, ok := env.Lookup("GO111MODULE")
	if !ok || v.Value != "off" || v.Source.Describe("/ws") != "go.toolsEnvVars in .vscode/settings.json" || !v.Source.Settings() {
		t.Errorf("GO111MODULE = %+v", v)
	}
	if all := env.All("GO111MODULE"); len(all) != 3 || all[0].Source.Kind != "go env -w" || all[1].Source.Kind != "the environment" {
		t.Errorf("all = %+v", all)
	}
	if got := env.Get("GOPROXY"); got != "off" {
		t.Errorf("GOPROXY = %q", got)
	}
	if _, ok := env.Lookup("GOWORK"); ok {
		t.Error("GOWORK set")
	}
	if v, _ := env.Lookup("GOPROXY"); v.Source.Describe("/ws") != "go env -w in /h/.config/go/env" {
		t.Errorf("GOPROXY source %q", v.Source.Describe("/ws"))
	}
}

func TestConfigFile(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		goos string
		want string
	}{
		{map[string]string{"HOME": "/home/u"}, "linux", filepath.FromSlash("/home/u/.config/go/env")},
		{map[string]string{"HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"}, "linux", filepath.FromSlash("/cfg/go/env")},
		{map[string]string{"HOME": "/home/u", "XDG_CONFIG_HOME": "rel"}, "linux", filepath.FromSlash("/home/u/.config/go/env")},
		{map[string]string{"HOME": "/Users/u"}, "darwin", filepath.FromSlash("/Users/u/Library/Application Support/go/env")},
		{map[string]string{"GOENV": "/x/env", "HOME": "/home/u"}, "linux", "/x/env"},
		{map[string]string{"GOENV": "off", "HOME": "/home/u"}, "linux", ""},
		{map[string]string{}, "linux", ""},
	} {
		if got := ConfigFile(tc.env, tc.goos); got != tc.want {
			t.Errorf("ConfigFile(%v, %s) = %q, want %q", tc.env, tc.goos, got, tc.want)
		}
	}
}

func TestParseConfigFile(t *testing.T) {
	vs := ParseConfigFile("/e", []byte("GOPROXY=off\r\n\nnot a line\nGOFLAGS=-mod=mod -tags=x\nBAD KEY=1\n"))
	if len(vs) != 2 || vs[0].Key != "GOPROXY" || vs[0].Value != "off" || vs[0].Source.Line != 1 ||
		vs[1].Key != "GOFLAGS" || vs[1].Value != "-mod=mod -tags=x" || vs[1].Source.Line != 4 {
		t.Errorf("parsed %+v", vs)
	}
}
