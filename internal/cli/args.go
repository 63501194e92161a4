package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Positional arguments: how many a command takes, what it says when
// they are wrong, and the two places where a command line means more
// than the flag parser sees (a step after --explain, a negative input).

// exactArgs checks that a command has n arguments, named name in
// messages: "one FUNC expected, got 2".
func exactArgs(n int, name, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		return argCountError(cmd, n, name, example, args)
	}
}

// minArgs checks that a command has at least n arguments.
func minArgs(n int, name, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= n {
			return nil
		}
		return argCountError(cmd, n, name, example, args)
	}
}

// noArgs checks that a command has no arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return fmt.Errorf("%s takes no arguments, got %d: %s (see '%s --help')", cmd.CommandPath(), len(args), shortArgs(args), cmd.CommandPath())
}

func argCountError(cmd *cobra.Command, n int, name, example string, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s missing: e.g. '%s' (see '%s --help')", name, example, cmd.CommandPath())
	}
	want := fmt.Sprintf("%d %ss", n, name)
	if n == 1 {
		want = "one " + name
	}
	return fmt.Errorf("%s expected, got %d: %s (see '%s --help'; quote an expression that has spaces)", want, len(args), shortArgs(args), cmd.CommandPath())
}

// shortArgs lists arguments for a message, each quoted and cut short.
func shortArgs(args []string) string {
	const most = 4
	var b strings.Builder
	for i, a := range args {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(args)-most)
			break
		}
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%q", a)
	}
	return b.String()
}

// rewriteArgs gives the flag parser what the user meant where it would
// read something else:
//
//   - 'neuron train and --explain 5' explains step 5: --explain takes its
//     step after an = (--explain=5) so that --explain alone is step 1, but
//     a step written after a space is read as one when FUNC is given too.
//   - 'neuron predict m.json -1 0' has the inputs -1 and 0: negative
//     numbers are inputs, not flags.
func rewriteArgs(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return args
	}
	switch cmd.Name() {
	case "train":
		return explainStep(cmd, args)
	case "predict":
		return negativeInputs(cmd, args)
	}
	return args
}

// A token is one command-line argument as the flag parser would read it.
type token struct {
	i          int
	positional bool // an argument, not a flag or a flag's value
}

// scan sorts the arguments after the command's name into flags, flag
// values and positional arguments, as pflag reads them; negative numbers
// count as positional when negatives is set.
func scan(cmd *cobra.Command, args []string, negatives bool) []token {
	var toks []token
	fs := cmd.Flags()
	start := indexOf(args, cmd.Name()) + 1
	for i := start; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			for j := i + 1; j < len(args); j++ {
				toks = append(toks, token{j, true})
			}
			return toks
		case negatives && isNegativeNumber(a), !strings.HasPrefix(a, "-") || a == "-":
			toks = append(toks, token{i, true})
		default:
			toks = append(toks, token{i, false})
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				toks = append(toks, token{i, false})
			}
		}
	}
	return toks
}

// takesValue reports whether flag argument a (--name, -n) is a flag that
// takes the next argument as its value.
func takesValue(fs *pflag.FlagSet, a string) bool {
	var f *pflag.Flag
	switch {
	case strings.Contains(a, "="):
		return false
	case strings.HasPrefix(a, "--"):
		f = fs.Lookup(a[2:])
	case len(a) == 2:
		f = fs.ShorthandLookup(a[1:])
	}
	return f != nil && f.NoOptDefVal == ""
}

// isNegativeNumber reports whether a is written as a negative number:
// -1, -0.5, -.5, -1e3.
func isNegativeNumber(a string) bool {
	return len(a) > 1 && a[0] == '-' && (a[1] >= '0' && a[1] <= '9' || a[1] == '.')
}

// explainStep joins '--explain N' into '--explain=N' when N is a number
// and another argument is there to be FUNC.
func explainStep(cmd *cobra.Command, args []string) []string {
	toks := scan(cmd, args, false)
	positional := 0
	for _, t := range toks {
		if t.positional {
			positional++
		}
	}
	for k, t := range toks {
		if t.positional || args[t.i] != "--explain" || k+1 >= len(toks) {
			continue
		}
		// A lone number after --explain is its step unless it could be a
		// truth table (0110) given as FUNC.
		next := toks[k+1]
		step := isDigits(args[next.i]) && (positional >= 2 || strings.Trim(args[next.i], "01") != "")
		if next.positional && next.i == t.i+1 && step {
			out := append([]string{}, args[:t.i]...)
			out = append(out, "--explain="+args[next.i])
			return append(out, args[next.i+1:]...)
		}
	}
	return args
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// negativeInputs moves the positional arguments, negative numbers among
// them, after a "--", keeping their order, so that the flag parser takes
// them as arguments.
func negativeInputs(cmd *cobra.Command, args []string) []string {
	toks := scan(cmd, args, true)
	neg := false
	for _, t := range toks {
		neg = neg || t.positional && isNegativeNumber(args[t.i])
	}
	if !neg {
		return args
	}
	start := indexOf(args, cmd.Name()) + 1
	out := append([]string{}, args[:start]...)
	var pos []string
	for _, t := range toks {
		if t.positional {
			pos = append(pos, args[t.i])
		} else {
			out = append(out, args[t.i])
		}
	}
	return append(append(out, "--"), pos...)
}
