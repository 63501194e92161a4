package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// atomicFile is an output file that appears complete or not at all: it is
// written to a temporary file in the same directory, then renamed over
// the destination. A crash, a full disk or an error leaves any earlier
// file at the destination untouched.
type atomicFile struct {
	*bufio.Writer
	f    *os.File
	path string
}

// createAtomic starts writing the file at path.
func createAtomic(path string) (*atomicFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	return &atomicFile{Writer: bufio.NewWriterSize(f, 64<<10), f: f, path: path}, nil
}

// Commit flushes, syncs and renames the file into place.
func (a *atomicFile) Commit() error {
	err := a.Flush()
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(a.f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("cannot write %s: %v", a.path, unwrapPath(err))
	}
	return nil
}

// Abort removes the temporary file; the destination is left as it was.
// After Commit it does nothing.
func (a *atomicFile) Abort() {
	a.f.Close()
	os.Remove(a.f.Name())
}

// writeAtomic writes a whole file with write.
func writeAtomic(path string, write func(w *bufio.Writer) error) error {
	a, err := createAtomic(path)
	if err != nil {
		return err
	}
	if err := write(a.Writer); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}

// unwrapPath drops the *PathError's own copy of the temporary name.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
