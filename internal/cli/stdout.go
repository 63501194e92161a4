package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"syscall"
)

// stdout is the command's standard output. Every write is checked: the
// first error is kept, later writes are dropped, and the run is stopped
// at once, since whatever it prints next would be lost too (a full disk,
// a closed pipe).
type stdout struct {
	mu   sync.Mutex
	w    io.Writer
	err  error
	stop context.CancelCauseFunc
}

func (s *stdout) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		s.err = err
		s.stop(errOutput)
	}
	return n, err
}

// errOutput is the cause of a run stopped because its output failed.
var errOutput = errors.New("standard output failed")

// failure returns the error for a failed standard output, or nil: a
// closed pipe ends the program quietly, with the status SIGPIPE would
// give, as it does other programs in a pipeline; anything else is an
// error.
func (s *stdout) failure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.err == nil:
		return nil
	case brokenPipe(s.err):
		return &exitError{code: ExitBrokenPipe}
	}
	return &exitError{code: ExitError, err: fmt.Errorf("cannot write standard output: %v", fileProblem(s.err))}
}

// brokenPipe reports whether err says that the reader of a pipe has gone.
func brokenPipe(err error) bool {
	if errors.Is(err, syscall.EPIPE) {
		return true
	}
	var errno syscall.Errno
	// ERROR_BROKEN_PIPE and ERROR_NO_DATA.
	return runtime.GOOS == "windows" && errors.As(err, &errno) && (errno == 109 || errno == 232)
}
