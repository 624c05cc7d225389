package modules

import "testing"

func TestModulePathFromRemote(t *testing.T) {
	for remote, want := range map[string]string{
		"git@github.com:u/r.git":                        "github.com/u/r",
		"git@github.com:u/r":                            "github.com/u/r",
		"https://github.com/u/r.git":                    "github.com/u/r",
		"https://github.com/u/r":                        "github.com/u/r",
		"https://github.com/u/r/":                       "github.com/u/r",
		"https://user:tok@GitHub.com/u/r.git":           "github.com/u/r",
		"ssh://git@gitlab.example.org:2222/g/sub/r.git": "gitlab.example.org/g/sub/r",
		"/srv/git/r.git":                                "",
		"../r.git":                                      "",
		"file:///srv/git/r.git":                         "",
		"C:/repos/r.git":                                "", // a Windows path, not host "C"
		"":                                              "",
		"https://host/has space":                        "",
	} {
		if got := ModulePathFromRemote(remote); got != want {
			t.Errorf("ModulePathFromRemote(%q) = %q, want %q", remote, got, want)
		}
	}
}

func TestGitConfigRemoteURL(t *testing.T) {
	config := `[core]
	bare = false
# a comment
[remote "upstream"]
	url = https://github.com/up/r.git
[Remote "origin"]
	fetch = +refs/heads/*:refs/remotes/origin/*
	URL = git@github.com:me/r.git
[branch "main"]
	url = nope
`
	if got := GitConfigRemoteURL([]byte(config), "origin"); got != "git@github.com:me/r.git" {
		t.Errorf("origin = %q", got)
	}
	if got := GitConfigRemoteURL([]byte(config), "missing"); got != "" {
		t.Errorf("missing = %q", got)
	}
	if got := GitDirFile([]byte("gitdir: /r/.git/worktrees/w\n")); got != "/r/.git/worktrees/w" {
		t.Errorf("gitdir = %q", got)
	}
}
