package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

// "Did you mean" for a mistyped command, function or flag.

// familyNames are the names of the families of functions of any number
// of inputs, which boolfn reads followed by the number: and3, maj5.
var familyNames = []string{"and", "or", "nand", "nor", "xor", "parity", "xnor", "majority", "maj"}

// functionNames returns the names of the 16 two-input functions.
func functionNames() []string {
	var names []string
	for _, f := range boolfn.Named() {
		names = append(names, f.Name)
	}
	return names
}

// distance returns the number of single-character edits (insertions,
// deletions, substitutions and swaps of two neighbours) that turn a into
// b, by the usual dynamic programme over prefixes: d[i][j] is the
// distance between a's first i and b's first j characters.
func distance(a, b string) int {
	s, t := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range t {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// nearest returns the candidates closest to typed, at most three, if any
// is close enough to be a slip: one edit for short words, two for longer.
func nearest(typed string, candidates []string) []string {
	if len(typed) > 64 {
		return nil
	}
	most := 1
	if len([]rune(typed)) > 4 {
		most = 2
	}
	best := most // the distance of the candidates found
	var found []string
	for _, c := range candidates {
		d := distance(typed, c)
		switch {
		case d == 0 || d > best:
		case d < best || len(found) == 0:
			best, found = d, []string{c}
		case !slices.Contains(found, c):
			found = append(found, c)
		}
	}
	if len(found) > 3 {
		found = found[:3]
	}
	return found
}

// didYouMean words suggestions: `; did you mean "and" or "nand"?`.
func didYouMean(s []string) string {
	if len(s) == 0 {
		return ""
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	if len(q) == 1 {
		return "; did you mean " + q[0] + "?"
	}
	return "; did you mean " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] + "?"
}

// suggestFunctions returns known function names close to an unknown one:
// "adn" gives "and", "adn3" gives "and3".
func suggestFunctions(typed string) []string {
	name := strings.ToLower(strings.TrimSpace(typed))
	if s := nearest(name, functionNames()); len(s) > 0 {
		return s
	}
	stem := strings.TrimRight(name, "0123456789")
	digits := name[len(stem):]
	if digits == "" || stem == "" {
		return nearest(name, familyNames)
	}
	var s []string
	for _, f := range nearest(strings.TrimSuffix(stem, "-"), familyNames) {
		s = append(s, f+digits)
	}
	return s
}

// functionError words the error for a function that cannot be read,
// adding suggestions when it is an unknown name.
func functionError(arg string, err error) error {
	if !strings.Contains(err.Error(), "unknown function") {
		return err
	}
	return fmt.Errorf("unknown function %q%s ('neuron functions' lists the names; 'neuron train --help' shows families such as and3, truth tables such as 0110 and expressions such as 'a & !b')",
		run.Short(strings.TrimSpace(arg)), didYouMean(suggestFunctions(arg)))
}

// unknownCommand words the error for an unknown command, with the
// commands it may be a slip for, or the train command if it is a
// function.
func unknownCommand(root *cobra.Command, typed string) error {
	msg := fmt.Sprintf("unknown command %q", run.Short(typed))
	if s := root.SuggestionsFor(typed); len(s) > 0 {
		msg += didYouMean(s)
	} else if _, err := boolfn.Parse(typed); err == nil && !strings.HasPrefix(typed, "-") {
		msg += fmt.Sprintf("; to train one neuron on it: neuron train %s", shellQuote(typed))
	}
	return errors.New(msg + " (see 'neuron --help')")
}

// suggestFlag returns the flags of cmd close to an unknown flag name.
func suggestFlag(cmd *cobra.Command, name string) string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	s := nearest(name, names)
	for i := range s {
		s[i] = "--" + s[i]
	}
	if len(s) == 0 {
		return ""
	}
	return strings.ReplaceAll(didYouMean(s), `"`, "")
}

// shellQuote quotes s for a shell if it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz0123456789-_.,/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(run.Short(s), "'", `'\''`) + "'"
}
