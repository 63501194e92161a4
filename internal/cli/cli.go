// Package cli is the neuron command: the original AND/OR demo, training
// any boolean function, and the tools around it. Everything it computes
// comes from package neuron, through package run; this package parses
// flags, prints and writes files.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron/internal/run"
)

// Exit codes of the neuron command.
const (
	ExitOK         = 0   // done; for train, the goal was met
	ExitError      = 1   // bad input or a failure: nothing (more) was learned
	ExitNotLearned = 2   // training ran but did not meet the goal (cap, stall, saturation)
	ExitInterrupt  = 130 // interrupted (Ctrl-C); the result so far was printed
)

// exitError carries an exit code with its error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// notLearned returns an error for a run that ended without meeting its goal.
func notLearned(format string, a ...any) error {
	return &exitError{code: ExitNotLearned, err: fmt.Errorf(format, a...)}
}

// ExitCode returns the exit code for an error returned by Run.
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

// IO is where a command reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal reports whether Err is a terminal, where progress may be shown.
	Terminal bool
}

// Run runs the neuron command with the given arguments (without the
// program name). It returns an error to be printed as one line, and whose
// ExitCode is the process's exit code. ctx is canceled on Ctrl-C.
func Run(ctx context.Context, args []string, io IO) error {
	root := newRoot(io)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return nil
	case strings.HasPrefix(err.Error(), "unknown command"):
		// cobra's own message lists suggestions on several lines; keep one.
		line, _, _ := strings.Cut(err.Error(), "\n")
		return errors.New(line + " (see 'neuron --help')")
	}
	return plainError{err}
}

// plainError drops the package names (neuron:, boolfn:, plot:) that the
// packages' errors begin with: main prints "neuron: " once.
type plainError struct{ error }

func (e plainError) Error() string {
	s := e.error.Error()
	for _, p := range []string{"neuron: ", "boolfn: ", "plot: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func (e plainError) Unwrap() error { return e.error }

func newRoot(io IO) *cobra.Command {
	var seed uint64
	root := &cobra.Command{
		Use:   "neuron",
		Short: "Watch one neuron learn boolean functions by steepest descent",
		Long: `neuron shows how a single sigmoid neuron learns a boolean function by
steepest descent: excitation u = w·x + b, output o = σ(u), loss ½(o−t)²,
and a step of every weight against its gradient (o−t)·o·(1−o)·x.

Run without arguments, it repeats the original demo: one neuron learns AND,
then OR, with learning rate 0.5 and loss goal 1e-10, and prints the
expected and actual output for each row of the truth table.

Exit status: 0 when the goal was met, 1 for bad input or another error,
2 when training ended without meeting the goal, 130 when interrupted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), io.Out, seed)
		},
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	seed = run.DefaultSeed
	root.Flags().VarP(run.SeedValue{P: &seed}, "seed", "s", "random seed; the same seed repeats the run bit for bit")
	root.SetFlagErrorFunc(flagError)
	for _, c := range []*cobra.Command{newTrainCmd(io), newCheckCmd(io), newFunctionsCmd(io), newPredictCmd(io)} {
		c.SetFlagErrorFunc(flagError)
		root.AddCommand(c)
	}
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// badFlagValue matches the flag package's message for a value that did
// not parse: invalid argument "x" for "-r, --rate" flag: not a number.
var badFlagValue = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)

// flagError words a flag error as '--rate "x": not a number', on one line,
// and points to the help.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := badFlagValue.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s %q: %s", m[2], run.Short(m[1]), m[3])
	}
	return fmt.Errorf("%s (see '%s --help')", msg, cmd.CommandPath())
}
