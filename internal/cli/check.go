package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

func newCheckCmd(io IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check FUNC",
		Short: "Decide exactly whether one neuron can learn a boolean function",
		Long: `check decides, by linear programming and without training, whether one
neuron can learn FUNC: whether some weights w and bias b put every row whose
output is 1 on one side of the line (plane) w·x + b = 0 and every row whose
output is 0 on the other. If so it gives such weights; if not, it says why.

FUNC is a name, family, truth table, expression or table file, as for train.

With --json, standard output is one JSON object: function, inputs (names),
rows, truth_table, separable, and either weights and bias that separate the
rows, or the proof that none do: ones and zeros [{row, inputs, weight}],
rows whose output is 1 and 0 whose weighted averages are the same point;
and explanation, the text check prints.

Exit status: 0 when one neuron can learn FUNC, 3 when it cannot, 1 for bad
input. A script can test it: 'if neuron check "$f" >/dev/null; then ...'.`,
		Example: `  neuron check and
  neuron check xor
  neuron check 'maj(a,b,c)' --json`,
		Args:              exactArgs(1, "FUNC", "neuron check xor"),
		ValidArgsFunction: completeFunction,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), io, args[0], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as one JSON object (fields above)")
	return cmd
}

func runCheck(ctx context.Context, io IO, arg string, asJSON bool) error {
	if _, err := tableFile(arg); err != nil {
		return err
	}
	f, err := run.LoadFunc(ctx, arg, true)
	if err != nil {
		return functionError(arg, err)
	}
	d := f.Dataset()
	sep, err := boolfn.Separable(d)
	if err != nil {
		return err
	}
	if asJSON {
		writeJSON(io.Out, checkDocument(f, d, sep))
	} else {
		fmt.Fprintf(io.Out, "%s: %d inputs (%s), %s rows, truth table %s\n", f.Name, f.Inputs(), strings.Join(f.Vars, ", "), count(f.Rows()), shortTable(f))
		if sep.Separable {
			fmt.Fprintf(io.Out, "One neuron can learn it: it is linearly separable.\n")
		} else {
			fmt.Fprintf(io.Out, "One neuron cannot learn it: it is not linearly separable.\n")
		}
		fmt.Fprintln(io.Out, sep.Explain(d))
	}
	if !sep.Separable {
		return &exitError{code: ExitNotSeparable} // the output said so
	}
	return nil
}

// shortTable is the truth table string, cut short for large tables.
func shortTable(f *boolfn.Func) string {
	const show = 64
	s := f.TableString()
	if len(s) > show {
		return s[:show] + "…"
	}
	return s
}

// checkJSON is the document 'neuron check --json' prints (see its help).
type checkJSON struct {
	Function    string         `json:"function"`
	Inputs      []string       `json:"inputs"`
	Rows        int            `json:"rows"`
	TruthTable  string         `json:"truth_table"`
	Separable   bool           `json:"separable"`
	Weights     []number       `json:"weights,omitempty"`
	Bias        *number        `json:"bias,omitempty"`
	Ones        []weightedJSON `json:"ones,omitempty"`
	Zeros       []weightedJSON `json:"zeros,omitempty"`
	Point       []number       `json:"point,omitempty"`
	Explanation string         `json:"explanation"`
}

// weightedJSON is a row of the truth table, counted from 0, with its
// weight in an average.
type weightedJSON struct {
	Row    int      `json:"row"`
	Inputs []number `json:"inputs"`
	Weight number   `json:"weight"`
}

func checkDocument(f *boolfn.Func, d *neuron.Dataset, sep *boolfn.Separation) checkJSON {
	doc := checkJSON{
		Function: f.Name, Inputs: f.Vars, Rows: f.Rows(), TruthTable: f.TableString(),
		Separable: sep.Separable, Explanation: sep.Explain(d),
	}
	if sep.Separable {
		b := number(sep.B)
		doc.Weights, doc.Bias = numbers(sep.W), &b
		return doc
	}
	rows := func(ws []boolfn.Weighted) []weightedJSON {
		var out []weightedJSON
		for _, w := range ws {
			x, _ := d.Row(w.Row)
			out = append(out, weightedJSON{w.Row, numbers(x), number(w.Weight)})
		}
		return out
	}
	doc.Ones, doc.Zeros, doc.Point = rows(sep.Ones), rows(sep.Zeros), numbers(sep.Point)
	return doc
}
