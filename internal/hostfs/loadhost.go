package hostfs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
)

// LoadHost reads a `gomend check --host FILE` description:
//
//	{"os": "linux|darwin|windows", "wslDistro": "Ubuntu" or "",
//	 "caseInsensitive": bool, "mounts": [{"mountPoint": "/mnt/c", "fsType": "9p"}],
//	 "uid": 1000, "home": "/home/u"}
//
// Fields left out keep probed's values; present ones win even when empty or
// false ("mounts": [] means no mounts). When the file names another os than
// probed's, the fields that follow from the os (caseInsensitive, wslDistro,
// mounts) default to that os's values instead, since a probed Linux mount
// table says nothing about a described Windows host. Unknown fields, unknown
// os values and malformed JSON are errors naming the file.
func LoadHost(file string, probed Host) (Host, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Host{}, fmt.Errorf("host file: %w", err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return Host{}, fmt.Errorf("host file %s: %w", file, err)
	}
	if fields == nil {
		return Host{}, fmt.Errorf("host file %s: want a JSON object", file)
	}
	h := probed
	h.Mounts = slices.Clone(probed.Mounts)
	if raw, ok := fields["os"]; ok {
		if err := decodeStrict(raw, &h.OS); err != nil {
			return Host{}, fmt.Errorf("host file %s: os: %w", file, err)
		}
		if h.OS != probed.OS {
			h.CaseInsensitive, h.WSLDistro, h.Mounts = h.OS != "linux", "", nil
		}
	}
	targets := map[string]any{
		"wslDistro": &h.WSLDistro, "caseInsensitive": &h.CaseInsensitive,
		"mounts": &h.Mounts, "uid": &h.UID, "home": &h.Home,
	}
	for key, raw := range fields {
		target, known := targets[key]
		switch {
		case key == "os":
		case !known:
			return Host{}, fmt.Errorf("host file %s: unknown field %q", file, key)
		default:
			if key == "mounts" {
				h.Mounts = nil // decoding must not reuse probed's array
			}
			if err := decodeStrict(raw, target); err != nil {
				return Host{}, fmt.Errorf("host file %s: %s: %w", file, key, err)
			}
		}
	}
	if err := h.validate(); err != nil {
		return Host{}, fmt.Errorf("host file %s: %w", file, err)
	}
	return h, nil
}

func (h Host) validate() error {
	switch h.OS {
	case "linux", "darwin", "windows":
	default:
		return fmt.Errorf("unknown os %q (want linux, darwin or windows)", h.OS)
	}
	if h.WSLDistro != "" && h.OS != "linux" {
		return fmt.Errorf("wslDistro %q needs os linux, not %s", h.WSLDistro, h.OS)
	}
	for i, m := range h.Mounts {
		if !path.IsAbs(m.MountPoint) || m.FSType == "" {
			return fmt.Errorf("mounts[%d]: want an absolute mountPoint and an fsType", i)
		}
	}
	return nil
}

// decodeStrict decodes like json.Unmarshal but refuses unknown mount fields,
// so a misspelt "mountpoint" is reported rather than ignored.
func decodeStrict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
