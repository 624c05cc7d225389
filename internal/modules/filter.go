package modules

import (
	"regexp"
	"strings"
)

// DirFilter implements gopls's build.directoryFilters: each filter is "-" (exclude)
// or "+" (include) followed by a path relative to the workspace folder, where
// "**" matches any number of path components; the last matching filter wins.
// gopls's default is ["-**/node_modules"].
type DirFilter struct {
	rules []filterRule
}

type filterRule struct {
	include bool
	re      *regexp.Regexp
	// name is set for the common "**/NAME" form (gopls's own default is
	// "-**/node_modules"): it matches any path with a component NAME, which
	// a string scan decides far faster than the regexp, once per directory
	// of a walk.
	name string
}

// NewDirFilter compiles filters; malformed entries (no +/- prefix) are
// returned as invalid so the caller can report them, and are ignored.
func NewDirFilter(filters []string) (f *DirFilter, invalid []string) {
	f = &DirFilter{}
	for _, filter := range filters {
		filter = strings.TrimSpace(filter)
		if len(filter) < 2 || filter[0] != '+' && filter[0] != '-' {
			invalid = append(invalid, filter)
			continue
		}
		r := filterRule{include: filter[0] == '+', re: filterRegexp(filter[1:])}
		if name, ok := strings.CutPrefix(strings.TrimSuffix(filter[1:], "/"), "**/"); ok && name != "" && !strings.ContainsAny(name, "/*") {
			r.name = name
		}
		f.rules = append(f.rules, r)
	}
	return f, invalid
}

// filterRegexp mirrors gopls's convertFilterToRegexp: the filter matches the
// path itself and everything below it, and "**" stands for zero or more
// path components.
func filterRegexp(filter string) *regexp.Regexp {
	filter = strings.TrimPrefix(strings.TrimSuffix(filter, "/"), "./")
	parts := strings.Split(filter, "/")
	var sb strings.Builder
	sb.WriteString("^")
	for i, part := range parts {
		last := i == len(parts)-1
		switch {
		case part == "**" && last:
			sb.WriteString(".*")
		case part == "**":
			sb.WriteString("(.*/)?")
		case last:
			sb.WriteString(regexp.QuoteMeta(part))
		default:
			sb.WriteString(regexp.QuoteMeta(part) + "/")
		}
	}
	sb.WriteString("(/|$)")
	return regexp.MustCompile(sb.String())
}

// Excludes reports whether the slash-separated relative path is excluded.
func (f *DirFilter) Excludes(relPath string) bool {
	if f == nil {
		return false
	}
	excluded := false
	for _, r := range f.rules {
		if r.matches(relPath) {
			excluded = !r.include
		}
	}
	return excluded
}

func (r filterRule) matches(relPath string) bool {
	if r.name == "" {
		return r.re.MatchString(relPath)
	}
	for relPath != "" {
		var comp string
		comp, relPath, _ = strings.Cut(relPath, "/")
		if comp == r.name {
			return true
		}
	}
	return false
}

// Redundant reports whether the filter excludes nothing beyond what the
// walk skips anyway (gopls's default, "-**/node_modules"), so the walk can
// leave it out.
func (f *DirFilter) Redundant(skipped func(name string) bool) bool {
	if f == nil {
		return true
	}
	for _, r := range f.rules {
		if r.include || r.name == "" || !skipped(r.name) {
			return false
		}
	}
	return true
}
