package hostfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadHost(t *testing.T) {
	probed := Host{OS: "linux", WSLDistro: "Ubuntu", Mounts: []Mount{{"/mnt/c", "9p", `C:\`, `rw,aname=drvfs;path=C:\`}}, UID: 1000, Home: "/home/probed"}
	mnt := func(mp, fs string) Mount { return Mount{MountPoint: mp, FSType: fs} }
	for _, tc := range []struct {
		name, json string
		want       Host
		err        string // a substring of the error, "" when none
	}{
		{"full file", `{"os": "linux", "wslDistro": "Debian", "caseInsensitive": false,
			"mounts": [{"mountPoint": "/c", "fsType": "9p"}, {"mountPoint": "/windir/d", "fsType": "drvfs", "source": "D:\\", "options": "rw"}],
			"uid": 1001, "home": "/home/u"}`,
			Host{"linux", "Debian", false, []Mount{mnt("/c", "9p"), {"/windir/d", "drvfs", `D:\`, "rw"}}, 1001, "/home/u"}, ""},
		{"empty object keeps everything probed", `{}`, probed, ""},
		{"partial file", `{"home": "/home/other", "uid": 0}`,
			Host{"linux", "Ubuntu", false, probed.Mounts, 0, "/home/other"}, ""},
		{"same os keeps probed os facts", `{"os": "linux", "uid": 7}`,
			Host{"linux", "Ubuntu", false, probed.Mounts, 7, "/home/probed"}, ""},
		{"present empty mounts mean none", `{"mounts": []}`,
			Host{"linux", "Ubuntu", false, []Mount{}, 1000, "/home/probed"}, ""},
		{"null mounts mean none", `{"mounts": null}`,
			Host{"linux", "Ubuntu", false, nil, 1000, "/home/probed"}, ""},
		{"wslDistro empty means not WSL", `{"wslDistro": ""}`,
			Host{"linux", "", false, probed.Mounts, 1000, "/home/probed"}, ""},
		{"windows host: os facts follow the os", `{"os": "windows", "home": "C:\\Users\\me"}`,
			Host{"windows", "", true, nil, 1000, `C:\Users\me`}, ""},
		{"windows host told case-sensitive", `{"os": "windows", "caseInsensitive": false}`,
			Host{"windows", "", false, nil, 1000, "/home/probed"}, ""},
		{"darwin host", `{"os": "darwin"}`, Host{"darwin", "", true, nil, 1000, "/home/probed"}, ""},
		{"caseInsensitive true on linux", `{"caseInsensitive": true}`,
			Host{"linux", "Ubuntu", true, probed.Mounts, 1000, "/home/probed"}, ""},
		{"bad JSON", `{"os": "linux",}`, Host{}, "invalid character"},
		{"truncated JSON", `{"os": "li`, Host{}, "unexpected end"},
		{"not an object", `["linux"]`, Host{}, "cannot unmarshal"},
		{"null document", `null`, Host{}, "want a JSON object"},
		{"unknown os", `{"os": "freebsd"}`, Host{}, `unknown os "freebsd"`},
		{"empty os", `{"os": ""}`, Host{}, `unknown os ""`},
		{"os wrong type", `{"os": 1}`, Host{}, "os:"},
		{"uid wrong type", `{"uid": "1000"}`, Host{}, "uid:"},
		{"unknown field", `{"os": "linux", "wsl": "Ubuntu"}`, Host{}, `unknown field "wsl"`},
		{"misspelt mount field", `{"mounts": [{"mountPath": "/mnt/c", "fsType": "9p"}]}`, Host{}, `unknown field "mountPath"`},
		{"relative mount point", `{"mounts": [{"mountPoint": "mnt/c", "fsType": "9p"}]}`, Host{}, "mounts[0]"},
		{"mount without fsType", `{"mounts": [{"mountPoint": "/mnt/c"}]}`, Host{}, "mounts[0]"},
		{"WSL on windows", `{"os": "windows", "wslDistro": "Ubuntu"}`, Host{}, "needs os linux"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "host.json")
			if err := os.WriteFile(file, []byte(tc.json), 0o644); err != nil {
				t.Fatal(err)
			}
			before := probed.Mounts[0]
			got, err := LoadHost(file, probed)
			if probed.Mounts[0] != before {
				t.Fatalf("LoadHost changed the probed mounts")
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), file) {
					t.Fatalf("err = %v; want one naming %s and containing %q", err, file, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestLoadHostMissingFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "nope.json")
	if _, err := LoadHost(file, Host{OS: "linux"}); err == nil || !strings.Contains(err.Error(), file) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v; want a not-exist error naming %s", err, file)
	}
}

// A hand-written description from the design doc is a drive mount.
func TestLoadHostDesignExample(t *testing.T) {
	file := filepath.Join(t.TempDir(), "host.json")
	doc := `{"os": "linux", "wslDistro": "Ubuntu", "caseInsensitive": false, "mounts": [{"mountPoint": "/mnt/c", "fsType": "9p"}], "uid": 1000, "home": "/home/u"}`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := LoadHost(file, Host{OS: "linux"})
	if err != nil {
		t.Fatal(err)
	}
	if _, drive, ok := h.DriveMountOf("/mnt/c/Users/me/src"); !ok || drive != "C" {
		t.Errorf("DriveMountOf = %q, %v; want C", drive, ok)
	}
	if got, ok := h.ToWSL(`C:\Users\me`); !ok || got != "/mnt/c/Users/me" {
		t.Errorf("ToWSL = %q, %v", got, ok)
	}
}
