package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
)

// atomicFile is an output file that appears complete or not at all: it is
// written to a temporary file in the same directory, then renamed over
// the destination. A crash, a full disk or an error leaves any earlier
// file at the destination untouched.
//
// A new file gets the permissions the umask allows (as any program's new
// file does); a replaced file keeps its own. After the rename the
// directory is synced too, so that the new name survives a crash.
type atomicFile struct {
	*bufio.Writer
	f    *os.File
	name string // the destination as the user gave it, for messages
	dest string // the destination, a symbolic link followed
	mode fs.FileMode
	keep bool // dest exists: give the new file its mode
	done bool
}

// createAtomic starts writing the file at path.
func createAtomic(path string) (*atomicFile, error) {
	a := &atomicFile{name: path, dest: followLink(path)}
	if st, err := os.Stat(a.dest); err == nil {
		a.mode, a.keep = st.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky), true
	}
	f, err := createTemp(a.dest)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", shortPath(path), fileProblem(err))
	}
	a.f, a.Writer = f, bufio.NewWriterSize(f, 64<<10)
	return a, nil
}

// Commit flushes, syncs and renames the file into place.
func (a *atomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	err := a.Flush()
	if err == nil && a.keep {
		err = a.f.Chmod(a.mode)
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.dest)
	}
	if err == nil {
		err = syncDir(filepath.Dir(a.dest))
	}
	forgetTemp(a.f.Name())
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("cannot write %s: %v", shortPath(a.name), fileProblem(err))
	}
	return nil
}

// Abort removes the temporary file; the destination is left as it was.
// After Commit it does nothing.
func (a *atomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	os.Remove(a.f.Name())
	forgetTemp(a.f.Name())
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

// followLink returns the file a symbolic link at path points to, so that
// writing through a link replaces its target and keeps the link; or path
// itself.
func followLink(path string) string {
	if st, err := os.Lstat(path); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return path
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// tempCount makes the names of one process's temporary files unique.
var tempCount atomic.Uint64

// createTemp creates a new, empty hidden file next to dest:
// .NAME.tmp-PID-N. It is created with mode 0666, which the umask
// narrows as it does for every new file.
func createTemp(dest string) (*os.File, error) {
	dir, base := filepath.Split(dest)
	if len(base) > 100 {
		base = base[:100] // keep the temporary name within the system's limit
	}
	for {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(tempCount.Add(1), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue // left by an earlier process with the same id
		}
		if err == nil {
			rememberTemp(name)
		}
		return f, err
	}
}

// syncDir makes a rename in dir durable. Systems that cannot sync a
// directory (Windows, some network file systems) are left to their own
// guarantees.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	d.Close()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}

// The temporary files being written, so that RemoveTemporaryFiles can
// remove them when the program must stop at once.
var temps struct {
	sync.Mutex
	names map[string]bool
}

func rememberTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[name] = true
}

func forgetTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.names, name)
}

// RemoveTemporaryFiles removes every temporary file still being written.
// The program calls it when it must stop without finishing its run: on a
// second interrupt.
func RemoveTemporaryFiles() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.names {
		os.Remove(name)
	}
	clear(temps.names)
}
