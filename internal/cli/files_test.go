package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// listing returns every file under dir with its mode and contents, to
// show that a run left nothing behind and overwrote nothing.
func listing(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		st, _ := os.Lstat(path)
		data := ""
		if st.Mode().IsRegular() {
			b, _ := os.ReadFile(path)
			data = string(b)
		}
		rel, _ := filepath.Rel(dir, path)
		lines = append(lines, rel+" "+st.Mode().String()+" "+data)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestOutputsCheckedFirst: every output path is checked before training,
// and a refused run leaves the directory exactly as it was.
func TestOutputsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	os.WriteFile(in("and.csv"), []byte("a,b,out\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n"), 0o644)
	os.WriteFile(in("old.json"), []byte("keep me"), 0o600)
	os.Mkdir(in("sub"), 0o755)
	os.WriteFile(in("pic.png"), []byte("a picture"), 0o644)
	os.Symlink("and.csv", in("link.csv"))
	os.Link(in("and.csv"), in("hard.csv"))
	before := listing(t, dir)
	// A long run (no cap, on a function one neuron cannot learn): if the
	// check came after training, the test would never end.
	long := []string{"train", "xor", "--force", "--max-iter", "0"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{append(long, "--save", in("nodir/m.json")), "--save " + in("nodir/m.json") + ": no directory " + in("nodir")},
		{append(long, "--plot-loss", in("nodir/l.png")), "no directory"},
		{append(long, "--plot-boundary", in("nodir/b.svg")), "no directory"},
		{append(long, "--trace-file", in("nodir/t.csv")), "no directory"},
		{append(long, "--plot", in("nodir/pics")), "--plot " + in("nodir/pics") + ": no directory " + in("nodir")},
		{append(long, "--save", in("sub")), "is a directory"},
		{append(long, "--save", in("sub")+"/"), "want a file name"},
		{append(long, "--plot", in("pic.png")), "not a directory"},
		{append(long, "--trace-file", in("old.json"), "--save", in("old.json")), "are the same file"},
		{append(long, "--plot-loss", in("l.png"), "--plot-boundary", in("sub/../l.png")), "are the same file"},
		{append(long, "--plot", in("sub"), "--plot-boundary", in("sub/loss.png")), "are the same file"},
		{append(long, "--save", "/dev/null"), "not a regular file"},
		{append(long, "--plot", in("pics"), "--save", in("pics")), "is the --plot directory"},
		{append(long, "--save", in("x.json"), "--plot-loss", in("x.gif")), "want a .png or .svg file"},
		{append(long, "--save", in("x.json"), "--trace-file", in("x.txt")), "want a .csv or .jsonl file"},
		{[]string{"train", in("and.csv"), "--save", in("and.csv")}, "is the input file"},
		{[]string{"train", in("and.csv"), "--trace-file", in("link.csv")}, "is the input file"},
		{[]string{"train", in("and.csv"), "--trace-file", in("hard.csv")}, "is the input file"},
		{[]string{"train", in("link.csv"), "--save", in("sub/../and.csv")}, "is the input file"},
		{[]string{"train", "xor", "--plot", in("pics")}, "one neuron cannot learn xor"}, // refused: no pics/
		{[]string{"train", "and", "--plot", in("pics"), "--plot-inputs", "a,q"}, `no input named "q"`},
		{[]string{"train", "and", "--trace-file", in("t.csv"), "--save", in("nodir/m.json")}, "no directory"},
		{[]string{"train", "adn", "--trace-file", in("t.csv")}, "unknown function"},
		{[]string{"train", in("sub.csv")}, "no such file"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		var out bytes.Buffer
		err := Run(ctx, c.args, IO{In: strings.NewReader(""), Out: &out, Err: io.Discard})
		if ctx.Err() != nil {
			t.Fatalf("%q: still training after a minute: the outputs were not checked first", c.args)
		}
		cancel()
		msg := checkMessage(t, strings.Join(c.args, " "), err)
		if ExitCode(err) != ExitError || !strings.Contains(msg, c.want) || out.Len() != 0 {
			t.Errorf("%q: exit %d, message %q, output %q; want exit 1 and %q", c.args, ExitCode(err), msg, out.String(), c.want)
		}
		if after := listing(t, dir); after != before {
			t.Errorf("%q changed the directory:\n%s\nwas:\n%s", c.args, after, before)
		}
	}
}

// TestPlotDirMadeOnlyWhenDrawn: --plot DIR is made when the pictures are
// drawn, not before.
func TestPlotDirMadeOnlyWhenDrawn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pics")
	if _, _, err := neuronCmd(t, "train", "and", "--plot", dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"loss.png", "boundary.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestAtomicFileAbort: a file whose writing fails leaves no trace, and
// the file it was to replace is untouched.
func TestAtomicFileAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	os.WriteFile(path, []byte("old"), 0o644)
	err := writeAtomic(path, func(w *bufio.Writer) error {
		w.WriteString("half")
		return errors.New("the model could not be written")
	})
	data, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if err == nil || string(data) != "old" || len(entries) != 1 {
		t.Errorf("error %v, file %q, %d entries", err, data, len(entries))
	}
	// RemoveTemporaryFiles removes what a run is still writing.
	a, err := createAtomic(filepath.Join(dir, "t.csv"))
	if err != nil {
		t.Fatal(err)
	}
	RemoveTemporaryFiles()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("RemoveTemporaryFiles left %v", entries)
	}
	if err := a.Commit(); err == nil || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("commit of a removed file: %v", err)
	}
}

// TestFileErrorsNameTheFile: an error about a file says which file.
func TestFileErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "d.json"), 0o755)
	os.Mkdir(filepath.Join(dir, "d.csv"), 0o755)
	garbage := filepath.Join(dir, "g.json")
	os.WriteFile(garbage, []byte("\x89PNG\r\n"), 0o644)
	huge := filepath.Join(dir, "huge.json")
	os.WriteFile(huge, []byte(`{"format":"neuron-model","version":2,"kind":"net","inputs":1048576,"hidden":[`+strings.Repeat(`{},`, 65535)+`{}],"output":{"weights":[1],"bias":0}}`), 0o644)
	for _, c := range []struct {
		args []string
		name string
	}{
		{[]string{"predict", filepath.Join(dir, "none.json"), "1"}, "none.json: no such file"},
		{[]string{"predict", filepath.Join(dir, "d.json")}, "d.json: is a directory"},
		{[]string{"predict", garbage}, "g.json: not valid JSON"},
		{[]string{"predict", huge, "1"}, "huge.json: hidden neuron 1 has no weights"},
		{[]string{"train", filepath.Join(dir, "d.csv")}, "d.csv: is a directory"},
		{[]string{"check", filepath.Join(dir, "none.csv")}, "none.csv: no such file"},
	} {
		_, _, err := neuronCmd(t, c.args...)
		if msg := checkMessage(t, c.name, err); !strings.Contains(msg, c.name) || ExitCode(err) != ExitError {
			t.Errorf("%q: exit %d, message %q, want %q", c.args, ExitCode(err), msg, c.name)
		}
	}
}

// TestSameFile: paths are compared as the files they name.
func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	os.WriteFile(a, nil, 0o644)
	os.Symlink(dir, filepath.Join(dir, "loop"))
	for _, c := range []struct {
		p, q string
		same bool
	}{
		{a, filepath.Join(dir, "loop", "a.json"), true},
		{filepath.Join(dir, "new.json"), filepath.Join(dir, "loop", "x", "..", "new.json"), true},
		{filepath.Join(dir, "n1.json"), filepath.Join(dir, "n2.json"), false},
		{a, filepath.Join(dir, "b.json"), false},
	} {
		if got := sameFile(c.p, c.q); got != c.same {
			t.Errorf("sameFile(%s, %s) = %v", c.p, c.q, got)
		}
	}
}
