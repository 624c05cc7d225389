package devcontainer

import (
	"strings"
	"testing"
	"time"
)

func TestSubstitute(t *testing.T) {
	linux := Vars{
		LocalWorkspaceFolder:     "/home/u/src/proj",
		ContainerWorkspaceFolder: "/workspaces/proj",
		LocalEnv:                 map[string]string{"HOME": "/home/u", "EMPTY": "", "PULUMI_ACCESS_TOKEN": "tok", "Path": "/bin"},
		HostOS:                   "linux",
	}
	windows := Vars{
		LocalWorkspaceFolder:     `C:\Users\me\src\Proj`,
		ContainerWorkspaceFolder: "/workspaces/Proj",
		LocalEnv:                 map[string]string{"USERPROFILE": `C:\Users\me`, "Path": `C:\Windows`, "HOME": `C:\home`},
		HostOS:                   "windows",
	}
	tests := []struct {
		name string
		in   string
		v    Vars
		want string
	}{
		// Workspace variables.
		{"localWorkspaceFolder", "${localWorkspaceFolder}", linux, "/home/u/src/proj"},
		{"localWorkspaceFolderBasename", "/workspaces/${localWorkspaceFolderBasename}", linux, "/workspaces/proj"},
		{"containerWorkspaceFolder", "cd ${containerWorkspaceFolder} && make", linux, "cd /workspaces/proj && make"},
		{"containerWorkspaceFolderBasename", "${containerWorkspaceFolderBasename}", linux, "proj"},
		{"moby workspaceMount", "source=${localWorkspaceFolder},target=${containerWorkspaceFolder},type=bind,consistency=cached", linux,
			"source=/home/u/src/proj,target=/workspaces/proj,type=bind,consistency=cached"},
		{"arguments after a workspace variable are ignored", "${localWorkspaceFolder:anything}", linux, "/home/u/src/proj"},
		{"basename with a trailing slash", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: "/a/b/"}, "b"},
		{"basename of the root", "[${localWorkspaceFolderBasename}]", Vars{LocalWorkspaceFolder: "/"}, "[]"},
		{"container basename of the root", "[${containerWorkspaceFolderBasename}]", Vars{ContainerWorkspaceFolder: "/"}, "[]"},
		{"container basename with a trailing slash", "${containerWorkspaceFolderBasename}", Vars{ContainerWorkspaceFolder: "/w/x/"}, "x"},
		{"posix basename keeps a backslash", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: `/home/u/a\b`, HostOS: "linux"}, `a\b`},

		// localEnv and its alias env.
		{"localEnv set", "${localEnv:HOME}/.ssh", linux, "/home/u/.ssh"},
		{"localEnv unset", "[${localEnv:NOPE}]", linux, "[]"},
		{"localEnv set to empty", "[${localEnv:EMPTY}]", linux, "[]"},
		{"localEnv default when unset", "${localEnv:NOPE:fallback}", linux, "fallback"},
		{"localEnv default ignored when set", "${localEnv:HOME:fallback}", linux, "/home/u"},
		{"localEnv default ignored when set to empty", "[${localEnv:EMPTY:fallback}]", linux, "[]"},
		{"default with a colon is truncated", `${localEnv:X:C:\foo}`, linux, "C"},
		{"default with a URL is truncated", "${localEnv:PROXY:http://proxy:3128}", linux, "http"},
		{"empty default", "[${localEnv:NOPE:}]", linux, "[]"},
		{"no name", "[${localEnv:}]", linux, "[]"},
		{"env alias", "${env:HOME}", linux, "/home/u"},
		{"env alias default", "${env:NOPE:x}", linux, "x"},
		{"pulumi containerEnv", "${localEnv:PULUMI_ACCESS_TOKEN}", linux, "tok"},
		{"dapr cross-OS trick on Linux", "${env:HOME}${env:USERPROFILE}/.kube", linux, "/home/u/.kube"},
		{"names are case-sensitive off Windows", "[${localEnv:home}]", linux, "[]"},
		{"exact case off Windows", "${localEnv:Path}", linux, "/bin"},
		{"one pass: a value holding a variable stays", "${localEnv:V}", Vars{LocalEnv: map[string]string{"V": "${localEnv:HOME}", "HOME": "/h"}}, "${localEnv:HOME}"},

		// Left as written.
		{"containerEnv", "${containerEnv:PATH}:/home/vscode/go/bin", linux, "${containerEnv:PATH}:/home/vscode/go/bin"},
		{"containerEnv with default", "${containerEnv:GOPATH:/go}", linux, "${containerEnv:GOPATH:/go}"},
		{"devcontainerId", "vol-${devcontainerId}", linux, "vol-${devcontainerId}"},
		{"unknown", "${foo}", linux, "${foo}"},
		{"templateOption", "mcr.microsoft.com/devcontainers/go:2-${templateOption:imageVariant}", linux, "mcr.microsoft.com/devcontainers/go:2-${templateOption:imageVariant}"},
		{"localEnv without a name", "${localEnv}", linux, "${localEnv}"},
		{"space inside", "${ localEnv:HOME}", linux, "${ localEnv:HOME}"},
		{"case of the variable name matters", "${LocalEnv:HOME}", linux, "${LocalEnv:HOME}"},
		{"empty braces", "${}", linux, "${}"},
		{"shell variable", "$HOME/${HOME}", linux, "$HOME/${HOME}"},
		{"unclosed", "${localEnv:HOME", linux, "${localEnv:HOME"},
		{"line break inside", "${localEnv:HO\nME}", linux, "${localEnv:HO\nME}"},

		// Several in one string.
		{"two variables", "${localWorkspaceFolder}:${localEnv:HOME}", linux, "/home/u/src/proj:/home/u"},
		{"known and unknown", "${foo}${localEnv:HOME}${bar}", linux, "${foo}/home/u${bar}"},
		{"nested: the first } closes, the rest is name and default", "${localEnv:${localEnv:HOME}}", linux, "HOME}"},
		{"no variable", "plain /workspaces/x", linux, "plain /workspaces/x"},
		{"empty", "", linux, ""},

		// Windows host.
		{"windows basename", "${localWorkspaceFolderBasename}", windows, "Proj"},
		{"windows basename trailing backslash", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: `C:\src\proj\`, HostOS: "windows"}, "proj"},
		{"windows basename forward slashes", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: `C:/src/proj`, HostOS: "windows"}, "proj"},
		{"windows basename of a drive root", "[${localWorkspaceFolderBasename}]", Vars{LocalWorkspaceFolder: `C:\`, HostOS: "windows"}, "[]"},
		{"windows basename of a drive-relative path", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: `C:proj`, HostOS: "windows"}, "proj"},
		{"windows UNC", "${localWorkspaceFolderBasename}", Vars{LocalWorkspaceFolder: `\\wsl.localhost\Ubuntu\home\u\proj`, HostOS: "windows"}, "proj"},
		{"windows localWorkspaceFolder as is", "${localWorkspaceFolder}", windows, `C:\Users\me\src\Proj`},
		{"windows names are case-insensitive", "${localEnv:userprofile}", windows, `C:\Users\me`},
		{"windows PATH finds Path", "${env:PATH}", windows, `C:\Windows`},
		{"windows unset with default", "${localEnv:nope:d}", windows, "d"},
		{"dapr cross-OS trick on Windows", "${env:HOME}${env:USERPROFILE}/.kube", windows, `C:\homeC:\Users\me/.kube`},
		{"windows container basename stays posix", "${containerWorkspaceFolderBasename}", Vars{ContainerWorkspaceFolder: `/w/a\b`, HostOS: "windows"}, `a\b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Substitute(tt.in, tt.v); got != tt.want {
				t.Errorf("Substitute(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// On Windows, names that differ only in case give the same answer every
// time, whatever the map's order.
func TestSubstituteWindowsDeterministic(t *testing.T) {
	v := Vars{HostOS: "windows", LocalEnv: map[string]string{"Foo": "1", "FOO": "2", "foo2": "x", "fOo": "3"}}
	first := Substitute("${localEnv:foo}", v)
	for range 50 {
		if got := Substitute("${localEnv:foo}", v); got != first {
			t.Fatalf("Substitute gave %q, then %q", first, got)
		}
	}
	if got := Substitute("${localEnv:fOo}", v); got != "3" {
		t.Errorf("the exact name should win: got %q", got)
	}
}

func FuzzSubstitute(f *testing.F) {
	for _, s := range []string{
		"${localWorkspaceFolder}", "${localEnv:HOME:/h}", "${env:X:C:\\y}", "${containerEnv:PATH}",
		"${localWorkspaceFolderBasename}/${containerWorkspaceFolderBasename}", "${", "}${", "${${}}", "$", "plain",
		"${localEnv:HOME}" + strings.Repeat("${", 100),
	} {
		f.Add(s, "windows")
		f.Add(s, "linux")
	}
	env := map[string]string{"HOME": "/home/u", "X": "${localEnv:X}", "EMPTY": ""}
	f.Fuzz(func(t *testing.T, s, hostOS string) {
		v := Vars{LocalWorkspaceFolder: "/home/u/p", ContainerWorkspaceFolder: "/workspaces/p", LocalEnv: env, HostOS: hostOS}
		done := make(chan string, 1)
		go func() { done <- Substitute(s, v) }()
		var got string
		select {
		case got = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Substitute(%q) hangs", s)
		}
		if !strings.Contains(s, "${") && got != s {
			t.Fatalf("Substitute(%q) = %q: no variable, yet changed", s, got)
		}
	})
}
