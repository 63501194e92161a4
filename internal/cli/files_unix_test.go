//go:build unix

package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnlyOutputs: a directory that takes no new files, and a file
// its owner made read-only, are refused before training.
func TestReadOnlyOutputs(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not bind the superuser")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	locked := filepath.Join(dir, "locked.json")
	os.WriteFile(locked, []byte("keep"), 0o444)
	for _, args := range [][]string{
		{"train", "and", "--save", filepath.Join(ro, "m.json")},
		{"train", "and", "--plot", filepath.Join(ro, "pics")},
		{"train", "and", "--save", locked},
	} {
		_, _, err := neuronCmd(t, args...)
		if msg := checkMessage(t, "read-only", err); !strings.Contains(msg, "permission denied") {
			t.Errorf("%q: %q", args, msg)
		}
	}
	if data, _ := os.ReadFile(locked); string(data) != "keep" {
		t.Errorf("read-only file overwritten: %q", data)
	}
}

// TestReplaceKeepsMode: replacing a file keeps its permission bits; a
// new file gets what the umask allows; writing through a symbolic link
// replaces its target and keeps the link.
func TestReplaceKeepsMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	model, trace, pic := filepath.Join(dir, "m.json"), filepath.Join(dir, "t.csv"), filepath.Join(dir, "l.svg")
	for _, f := range []string{model, trace, pic} {
		os.WriteFile(f, []byte("old"), 0o600)
		os.Chmod(f, 0o600)
	}
	target := filepath.Join(dir, "target.json")
	os.WriteFile(target, []byte("old"), 0o640)
	os.Chmod(target, 0o604)
	link := filepath.Join(dir, "link.json")
	os.Symlink("target.json", link)
	fresh := filepath.Join(dir, "new.json")
	if _, _, err := neuronCmd(t, "train", "and", "--save", model, "--trace-file", trace, "--plot-loss", pic); err != nil {
		t.Fatal(err)
	}
	neuronCmd(t, "train", "or", "--save", link)
	neuronCmd(t, "train", "or", "--save", fresh)
	for _, c := range []struct {
		path string
		mode fs.FileMode
	}{{model, 0o600}, {trace, 0o600}, {pic, 0o600}, {target, 0o604}, {fresh, 0o640}} {
		st, err := os.Stat(c.path)
		data, _ := os.ReadFile(c.path)
		if err != nil || st.Mode().Perm() != c.mode || string(data) == "old" {
			t.Errorf("%s: mode %v, want %v; replaced: %v (%v)", filepath.Base(c.path), st.Mode().Perm(), c.mode, string(data) != "old", err)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced by a file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		t.Errorf("directory holds %d entries, want 6 (no temporary files): %v", len(entries), entries)
	}
}
