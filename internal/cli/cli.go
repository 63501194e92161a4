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
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron/internal/run"
)

// IO is where a command reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal reports whether Err is a terminal, where progress may be shown.
	Terminal bool
}

// Run runs the neuron command with the given arguments (without the
// program name). It returns an error whose Message is printed, as one
// line, and whose ExitCode is the process's exit status. Canceling ctx
// stops the run as Ctrl-C does; a cause of type Interrupt gives the
// signal's exit status.
func Run(ctx context.Context, args []string, io IO) error {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	out := &stdout{w: io.Out, stop: stop}
	io.Out = out
	root := newRoot(io)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(rewriteArgs(root, args))
	err := root.ExecuteContext(ctx)
	// Once a signal has stopped the run, its output may fail too (a
	// closed terminal); otherwise a failed output is the first thing to
	// report, as the results were lost.
	var sig Interrupt
	if ferr := out.failure(); ferr != nil && !errors.As(context.Cause(ctx), &sig) {
		return ferr
	}
	var exit *exitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.err == nil:
		return err
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return interruption(ctx, err)
	case strings.HasPrefix(err.Error(), "unknown command ") && strings.Contains(err.Error(), ` for "`):
		// cobra's 'unknown command "x" for "neuron serve"': an argument to
		// a command that takes none, or a command the root does not know.
		typed, path, _ := strings.Cut(strings.TrimPrefix(err.Error(), "unknown command "), " for ")
		if t, uerr := strconv.Unquote(typed); uerr == nil {
			typed = t
		}
		if path, _ := strconv.Unquote(path); path != root.Name() && path != "" {
			return fmt.Errorf("%s takes no arguments, got %q (see '%s --help')", path, run.Short(typed), path)
		}
		return unknownCommand(root, typed)
	}
	return plainError{err}
}

// plainError drops the package names (neuron:, boolfn:, plot:) that the
// packages' errors begin with: main prints "neuron: " once.
type plainError struct{ error }

func (e plainError) Error() string {
	s := e.error.Error()
	for _, p := range []string{"neuron: ", "boolfn: ", "plot: ", "csvdata: ", "metrics: "} {
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

Standard output carries results only; notices and errors go to standard
error. train, check, functions and predict print JSON with --json.

Exit status: 0 when the goal was met, 1 for bad input or another error,
2 when training ended without meeting the goal, 3 when 'neuron check' finds
that one neuron cannot learn the function; 130 when interrupted by Ctrl-C,
143 by SIGTERM and 129 by SIGHUP (the result so far was printed and its
files written), 141 when standard output was closed (| head).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), io.Out, seed)
		},
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	seed = run.DefaultSeed
	root.Flags().VarP(run.SeedValue{P: &seed}, "seed", "s", "random seed; the same seed repeats the run bit for bit")
	root.RegisterFlagCompletionFunc("seed", nothing)
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("neuron {{.Version}}\n")
	for _, c := range []*cobra.Command{newTrainCmd(io), newCheckCmd(io), newFunctionsCmd(io), newPredictCmd(io), newServeCmd(io), newStatsCmd(io), newSweepCmd(io)} {
		c.SetFlagErrorFunc(flagError)
		root.AddCommand(c)
	}
	root.SuggestionsMinimumDistance = 2
	root.SetHelpCommand(newHelpCmd(root))
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	addCompletionCmd(root) // after SetOut: it keeps the writer it finds
	return root
}

// addCompletionCmd adds cobra's 'completion' command, which prints a
// shell's completion script, and makes an unknown shell an error rather
// than a page of help.
func addCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return fmt.Errorf("completion: unknown shell %q: want bash, zsh, fish or powershell (see 'neuron completion --help')", run.Short(args[0]))
		}
	}
}

// newHelpCmd is 'neuron help [command]', which unlike cobra's own fails
// with a suggestion for a command it does not know.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return unknownCommand(root, strings.Join(args, " "))
			}
			return cmd.Help()
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// badFlagValue matches the flag package's message for a value that did
// not parse: invalid argument "x" for "-r, --rate" flag: not a number.
var badFlagValue = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)

// flagError words a flag error as '--rate "x": not a number', on one line,
// and points to the help.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := badFlagValue.FindStringSubmatch(msg); m != nil {
		value, why := m[1], m[3]
		if f := cmd.Flags().Lookup(strings.TrimPrefix(m[2], "--")); f != nil && f.Value.Type() == "bool" {
			why = "want true or false"
		}
		why = strings.ReplaceAll(why, strconv.Quote(value), strconv.Quote(run.Short(value)))
		msg = fmt.Sprintf("%s %q: %s", m[2], run.Short(value), why)
	} else if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		msg = "unknown flag --" + run.Short(name) + suggestFlag(cmd, name)
	} else if rest, ok := strings.CutPrefix(msg, "unknown shorthand flag: "); ok {
		letter, arg, _ := strings.Cut(rest, " in ")
		msg = fmt.Sprintf("unknown flag -%s in %q", strings.Trim(letter, "'"), run.Short(arg))
	}
	return fmt.Errorf("%s (see '%s --help')", msg, cmd.CommandPath())
}
