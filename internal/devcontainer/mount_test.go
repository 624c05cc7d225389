package devcontainer

import (
	"strings"
	"testing"
)

func TestParseMountString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Mount
		err  string // part of the error; "" for none
	}{
		// The forms found in real configs.
		{name: "moby", in: "source=/home/u/moby,target=/usr/src/moby,type=bind,consistency=cached",
			want: Mount{Type: "bind", Source: "/home/u/moby", Target: "/usr/src/moby"}},
		{name: "dapr", in: "type=bind,source=/home/u/dapr,target=/workspaces/dapr",
			want: Mount{Type: "bind", Source: "/home/u/dapr", Target: "/workspaces/dapr"}},
		{name: "named volume", in: "type=volume,source=dind-var-lib-docker,target=/var/lib/docker",
			want: Mount{Type: "volume", Source: "dind-var-lib-docker", Target: "/var/lib/docker"}},
		{name: "cilium readonly flag", in: "source=/lib/modules,target=/lib/modules,type=bind,readonly",
			want: Mount{Type: "bind", Source: "/lib/modules", Target: "/lib/modules", ReadOnly: true}},
		{name: "ro flag", in: "src=/a,dst=/b,type=bind,ro",
			want: Mount{Type: "bind", Source: "/a", Target: "/b", ReadOnly: true}},

		// Aliases.
		{name: "src dst", in: "type=bind,src=/a,dst=/b", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "destination", in: "type=bind,source=/a,destination=/b", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "last of source and src wins", in: "source=/a,src=/z,target=/b,type=bind", want: Mount{Type: "bind", Source: "/z", Target: "/b"}},
		{name: "target only, volume by default", in: "target=/cache", want: Mount{Type: "volume", Target: "/cache"}},
		{name: "anonymous tmpfs", in: "type=tmpfs,destination=/tmp", want: Mount{Type: "tmpfs", Target: "/tmp"}},

		// readonly with a value.
		{name: "readonly=true", in: "type=bind,source=/a,target=/b,readonly=true", want: Mount{Type: "bind", Source: "/a", Target: "/b", ReadOnly: true}},
		{name: "readonly=1", in: "type=bind,source=/a,target=/b,readonly=1", want: Mount{Type: "bind", Source: "/a", Target: "/b", ReadOnly: true}},
		{name: "readonly=TRUE", in: "type=bind,source=/a,target=/b,readonly=TRUE", want: Mount{Type: "bind", Source: "/a", Target: "/b", ReadOnly: true}},
		{name: "ro=false", in: "type=bind,source=/a,target=/b,ro=false", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "readonly=0 after readonly", in: "type=bind,source=/a,target=/b,readonly,readonly=0", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "readonly=maybe", in: "type=bind,source=/a,target=/b,readonly=maybe", err: "not a boolean"},
		{name: "readonly= empty", in: "type=bind,source=/a,target=/b,readonly=", err: "not a boolean"},

		// Ignored keys and flags docker knows.
		{name: "consistency ignored", in: "type=bind,source=/a,target=/b,consistency=cached", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "bind-propagation ignored", in: "type=bind,source=/a,target=/b,bind-propagation=rslave", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "volume-nocopy flag", in: "type=volume,source=v,target=/b,volume-nocopy", want: Mount{Type: "volume", Source: "v", Target: "/b"}},

		// Quoting: the CLI quotes a whole item holding a comma; a quoted value works too.
		{name: "CLI quoting", in: `type=bind,"source=/home/u/a,b",target=/workspaces/a`,
			want: Mount{Type: "bind", Source: "/home/u/a,b", Target: "/workspaces/a"}},
		{name: "unquoted comma in a value", in: `type=bind,"source=/home/u/a,b",target=/workspaces/a,b`, err: `"b" is not key=value`},
		{name: "CLI quoting both", in: `type=bind,"source=/home/u/a,b","target=/workspaces/a,b"`,
			want: Mount{Type: "bind", Source: "/home/u/a,b", Target: "/workspaces/a,b"}},
		{name: "quoted value", in: `source="/x,y",target=/t,type=bind`, want: Mount{Type: "bind", Source: "/x,y", Target: "/t"}},
		{name: "quoted value with equals", in: `source="a=b",target=/t`, want: Mount{Type: "volume", Source: "a=b", Target: "/t"}},
		{name: "doubled quote", in: `"source=a""b",target=/t,type=bind`, want: Mount{Type: "bind", Source: `a"b`, Target: "/t"}},
		{name: "quoted spaces kept", in: `source=" /a b ",target=/t,type=bind`, want: Mount{Type: "bind", Source: " /a b ", Target: "/t"}},
		{name: "value with equals unquoted", in: "type=volume,source=a=b,target=/t", want: Mount{Type: "volume", Source: "a=b", Target: "/t"}},

		// Spaces, case.
		{name: "spaces around items", in: " type=bind , source=/a ,  target=/b ", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "spaces around =", in: "type = bind, source = /a, target = /b", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "upper-case keys", in: "TYPE=bind,Source=/a,TARGET=/b,ReadOnly", want: Mount{Type: "bind", Source: "/a", Target: "/b", ReadOnly: true}},
		{name: "upper-case type", in: "type=BIND,source=/a,target=/b", want: Mount{Type: "bind", Source: "/a", Target: "/b"}},
		{name: "value case kept", in: "type=bind,source=/Home/A,target=/B", want: Mount{Type: "bind", Source: "/Home/A", Target: "/B"}},

		// Does not parse.
		{name: "empty", in: "", err: "empty"},
		{name: "blank", in: "   ", err: "empty"},
		{name: "missing target", in: "type=bind,source=/a", err: "no target"},
		{name: "empty target", in: "type=bind,source=/a,target=", err: "no target"},
		{name: "item without =", in: "type=bind,source=/a,target=/b,cached", err: `"cached" is not key=value`},
		{name: "docker -v syntax", in: "/a:/b", err: "not key=value"},
		{name: "empty item", in: "type=bind,,source=/a,target=/b", err: "empty item"},
		{name: "trailing comma", in: "type=bind,source=/a,target=/b,", err: "empty item"},
		{name: "empty type", in: "type=,source=/a,target=/b", err: "type is empty"},
		{name: "unclosed quote swallows the rest", in: `source="/a,target=/b`, err: "no target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMountString(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseMountString(%q) = %+v, %v; want an error with %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMountString(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseMountString(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMountStringRoundTrip(t *testing.T) {
	for _, m := range []Mount{
		{Type: "bind", Source: "/home/u/src/proj", Target: "/workspaces/proj"},
		{Type: "bind", Source: "/lib/modules", Target: "/lib/modules", ReadOnly: true},
		{Type: "volume", Source: "gomodcache", Target: "/go/pkg/mod"},
		{Type: "volume", Target: "/anonymous"},
		{Type: "tmpfs", Target: "/tmp"},
		{Type: "bind", Source: "/home/u/a,b", Target: "/workspaces/a,b"},
		{Type: "bind", Source: `/x/"quoted"`, Target: "/y"},
		{Type: "bind", Source: " leading and trailing ", Target: "/t "},
		{Type: "bind", Source: "a=b=c", Target: "/t"},
		{Type: "bind", Source: `C:\Users\me\src`, Target: "/workspaces/src"},
		{Type: "bind", Source: "/line\nbreak", Target: "/t"},
		{Type: "bind", Source: "/ümlaut/日本", Target: "/t"},
	} {
		s := m.String()
		got, err := ParseMountString(s)
		if err != nil {
			t.Errorf("%+v.String() = %q does not parse: %v", m, s, err)
			continue
		}
		if got != m {
			t.Errorf("%+v.String() = %q parses as %+v", m, s, got)
		}
	}
	// The CLI's own form for a source holding a comma.
	if got := (Mount{Type: "bind", Source: "/a,b", Target: "/t"}).String(); got != `"source=/a,b",target=/t,type=bind` {
		t.Errorf("String() = %q, want the CLI's quoting", got)
	}
	if got := (Mount{Type: "bind", Source: "/a", Target: "/t", ReadOnly: true}).String(); got != "source=/a,target=/t,type=bind,readonly" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzParseMountString(f *testing.F) {
	for _, s := range []string{
		"source=/a,target=/b,type=bind,consistency=cached",
		"type=volume,src=v,dst=/b,readonly",
		`"source=/a,b",target=/t,type=bind`,
		`source="x,y",target=/t`,
		`"source=a""b",target=/t`,
		"TYPE=Bind,Target= /t ,ro=false",
		"target=/t,type=tmpfs",
		"",
		",",
		`"`,
		"=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMountString(s)
		if err != nil {
			return
		}
		if m.Target == "" || m.Type == "" {
			t.Fatalf("ParseMountString(%q) = %+v: parsed without a target or type", s, m)
		}
		out := m.String()
		back, err := ParseMountString(out)
		if err != nil {
			t.Fatalf("ParseMountString(%q) = %+v, whose String() %q does not parse: %v", s, m, out, err)
		}
		if back != m {
			t.Fatalf("ParseMountString(%q) = %+v; String() = %q parses as %+v", s, m, out, back)
		}
	})
}
