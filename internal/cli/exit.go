package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"syscall"
)

// Exit statuses of the neuron command. A signal that stops a run gives
// 128 plus its number, as shells report it: 129 for SIGHUP (the terminal
// closed), 130 for SIGINT (Ctrl-C), 143 for SIGTERM; a closed pipe on
// standard output gives 141, as SIGPIPE would.
const (
	ExitOK           = 0   // done; for train, the goal was met; for check, one neuron can learn the function
	ExitError        = 1   // bad input or a failure: nothing (more) was learned
	ExitNotLearned   = 2   // train: training ran but did not meet the goal (cap, stall, saturation)
	ExitNotSeparable = 3   // check: one neuron cannot learn the function
	ExitInterrupt    = 130 // interrupted (Ctrl-C); the result so far was printed
	ExitBrokenPipe   = 141 // standard output was closed by its reader
)

// exitError carries an exit status with its error. A nil err exits
// quietly: the output has said all there is to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// notLearned returns an error for a run that ended without meeting its goal.
func notLearned(format string, a ...any) error {
	return &exitError{code: ExitNotLearned, err: fmt.Errorf(format, a...)}
}

// ExitCode returns the exit status for an error returned by Run.
func ExitCode(err error) int {
	var e *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &e):
		return e.code
	case errors.Is(err, context.Canceled):
		return ExitInterrupt
	}
	return ExitError
}

// Message returns what the program prints for an error returned by Run,
// without the program's name: one line, or nothing for a quiet exit.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	msg := strings.Join(lines, " ")
	return quoted.ReplaceAllStringFunc(msg, shortQuote)
}

// quoted matches a quoted text in a message, as %q writes it.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// shortQuote cuts a long quoted text, whichever package quoted it, to
// its start: an error shows a short prefix of a long input.
func shortQuote(q string) string {
	const most = 48
	r := []rune(q)
	if len(r) <= most+2 {
		return q
	}
	s := string(r[:most])
	if i := strings.LastIndex(s, `\`); i >= 0 && i >= len(s)-10 {
		s = s[:i] // do not cut an escape such as \x00 in two
	}
	return s + `…"`
}

// An Interrupt is the cause with which the program cancels a run's
// context when a signal asks it to stop.
type Interrupt struct{ Signal os.Signal }

func (i Interrupt) Error() string { return "stopped by signal " + i.Signal.String() }

// Status is the exit status for the signal: 128 plus its number.
func (i Interrupt) Status() int {
	if s, ok := i.Signal.(syscall.Signal); ok && runtime.GOOS != "windows" {
		return 128 + int(s)
	}
	return ExitInterrupt
}

// what says in words what stopped the run.
func (i Interrupt) what() string {
	switch i.Signal {
	case syscall.SIGTERM:
		return "terminated (SIGTERM)"
	case syscall.SIGHUP:
		return "stopped: the terminal closed (SIGHUP)"
	}
	return "interrupted"
}

// stoppedError is a command's account of a run that a signal stopped:
// "after 1,234 iterations; the result so far was printed". It is a
// context.Canceled.
type stoppedError struct{ detail string }

func (e *stoppedError) Error() string        { return "interrupted " + e.detail }
func (e *stoppedError) Is(target error) bool { return target == context.Canceled }

// stopped returns a stoppedError.
func stopped(format string, a ...any) error {
	return &stoppedError{detail: fmt.Sprintf(format, a...)}
}

// interruption words the error of a run whose context was canceled, with
// the exit status of the signal that did it.
func interruption(ctx context.Context, err error) error {
	what, code := "interrupted", ExitInterrupt
	var sig Interrupt
	if errors.As(context.Cause(ctx), &sig) {
		what, code = sig.what(), sig.Status()
	}
	var s *stoppedError
	if errors.As(err, &s) {
		what += " " + s.detail
	}
	return &exitError{code: code, err: errors.New(what)}
}
