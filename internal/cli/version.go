package cli

import (
	"runtime/debug"
	"strings"
)

// version describes the build of the running program, from the
// information the Go toolchain records in it: the module version (a
// release tag, or a pseudo-version for 'go install ...@commit'), and for
// a build from a checkout the commit, its time and whether the tree had
// changes; then the Go version.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (built without module information)"
	}
	return describeBuild(bi)
}

func describeBuild(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	var extra []string
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && !strings.Contains(v, rev) {
		extra = append(extra, "commit "+rev)
	}
	if when != "" && !strings.Contains(v, rev) {
		extra = append(extra, when)
	}
	if dirty && !strings.Contains(v, "dirty") {
		extra = append(extra, "with local changes")
	}
	if len(extra) > 0 {
		v += " (" + strings.Join(extra, ", ") + ")"
	}
	return v + ", " + bi.GoVersion
}
