package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/neuronlab/neuron/internal/run"
)

// An output is a file a run will write, named by its flag.
type output struct {
	flag, path string
}

// checkOutputs checks, before any work is done, that every output can be
// written: its directory exists and takes new files, it is not a
// directory or a device, it can be replaced if it exists, and no two
// outputs, and no output and the input file, are the same file (symbolic
// and hard links followed). plotDir, if not empty, is a directory the
// run will create for its pictures if it does not exist.
func checkOutputs(outs []output, plotDir, input string) error {
	if plotDir != "" {
		if err := checkPlotDir(plotDir); err != nil {
			return err
		}
	}
	for _, o := range outs {
		if err := checkOutput(o, plotDir); err != nil {
			return err
		}
	}
	for i, a := range outs {
		if plotDir != "" && sameFile(a.path, plotDir) {
			return fmt.Errorf("%s %s is the --plot directory; give the file another name", a.flag, shortPath(a.path))
		}
		if input != "" && sameFile(a.path, input) {
			return fmt.Errorf("%s %s is the input file %s: writing it would replace the data being learned; choose another name", a.flag, shortPath(a.path), shortPath(input))
		}
		for _, b := range outs[:i] {
			if sameFile(a.path, b.path) {
				return fmt.Errorf("%s %s and %s %s are the same file; give each output its own name", b.flag, shortPath(b.path), a.flag, shortPath(a.path))
			}
		}
	}
	return nil
}

// checkOutput checks one output file.
func checkOutput(o output, plotDir string) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s %s: %s", o.flag, shortPath(o.path), fmt.Sprintf(format, a...))
	}
	if o.path == "" || strings.HasSuffix(o.path, "/") || strings.HasSuffix(o.path, string(filepath.Separator)) {
		return fail("want a file name")
	}
	dir := filepath.Dir(o.path)
	if plotDir != "" && dir == filepath.Clean(plotDir) {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil // the run creates it; checkPlotDir checked where
		}
	}
	st, err := os.Stat(o.path)
	switch {
	case err == nil && st.IsDir():
		return fail("is a directory; give a file name")
	case err == nil && !st.Mode().IsRegular():
		return fail("is not a regular file")
	case err == nil:
		// Replacing a file its owner made read-only would defeat the point.
		f, werr := os.OpenFile(o.path, os.O_WRONLY, 0)
		if werr != nil {
			return fail("cannot replace it: %v", fileProblem(werr))
		}
		f.Close()
	case !errors.Is(err, fs.ErrNotExist):
		return fail("%v", fileProblem(err))
	}
	return checkDir(o.flag+" "+shortPath(o.path), dir)
}

// checkPlotDir checks --plot DIR: an existing directory that takes new
// files, or a name whose parent directory does.
func checkPlotDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return fmt.Errorf("--plot %s: not a directory (--plot-loss and --plot-boundary name single files)", shortPath(dir))
	case err == nil:
		return checkDir("--plot "+shortPath(dir), dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--plot %s: %v", shortPath(dir), fileProblem(err))
	}
	return checkDir("--plot "+shortPath(dir), filepath.Dir(filepath.Clean(dir)))
}

// checkDir checks that dir exists and a new file can be made in it, by
// making one and removing it.
func checkDir(what, dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no directory %s", what, shortPath(dir))
	case err != nil:
		return fmt.Errorf("%s: directory %s: %v", what, shortPath(dir), fileProblem(err))
	case !st.IsDir():
		return fmt.Errorf("%s: %s is not a directory", what, shortPath(dir))
	}
	f, err := createTemp(filepath.Join(dir, "probe"))
	if err != nil {
		return fmt.Errorf("%s: cannot write in directory %s: %v", what, shortPath(dir), fileProblem(err))
	}
	f.Close()
	os.Remove(f.Name())
	forgetTemp(f.Name())
	return nil
}

// sameFile reports whether two paths name the same file: the same
// existing file, whatever links lead to it, or the same path once
// symbolic links in its existing part are followed.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return resolve(a) == resolve(b)
}

// resolve returns path made absolute, with symbolic links followed as
// far as it exists.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for p := abs; ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// fileProblem words a file error without repeating the file's name (or a
// temporary file's): "no such file or directory", "permission denied".
func fileProblem(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return fileProblem(pe.Err)
	case errors.As(err, &le):
		return fileProblem(le.Err)
	case errors.As(err, &se):
		return fileProblem(se.Err)
	}
	return err
}

// shortPath is a path as an error message shows it: whole unless very
// long, then its start and end.
func shortPath(p string) string {
	const most = 120
	if len(p) <= most {
		return p
	}
	end := p[len(p)-40:]
	for len(end) > 0 && !isRuneStart(end[0]) {
		end = end[1:]
	}
	return strings.TrimSuffix(run.Short(p), "…") + "…" + end
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
