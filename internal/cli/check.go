package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

func newCheckCmd(io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "check FUNC",
		Short: "Decide exactly whether one neuron can learn a boolean function",
		Long: `check decides, by linear programming and without training, whether one
neuron can learn FUNC: whether some weights w and bias b put every row whose
output is 1 on one side of the line (plane) w·x + b = 0 and every row whose
output is 0 on the other. If so it gives such weights; if not, it says why.

FUNC is a name, family, truth table, expression or table file, as for train.`,
		Example: `  neuron check and
  neuron check xor
  neuron check 'maj(a,b,c)'`,
		Args: exactArgs(1, "FUNC"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := run.LoadFunc(args[0], true)
			if err != nil {
				return err
			}
			d := f.Dataset()
			sep, err := boolfn.Separable(d)
			if err != nil {
				return err
			}
			fmt.Fprintf(io.Out, "%s: %d inputs (%s), %s rows, truth table %s\n", f.Name, f.Inputs(), strings.Join(f.Vars, ", "), count(f.Rows()), shortTable(f))
			if sep.Separable {
				fmt.Fprintf(io.Out, "One neuron can learn it: it is linearly separable.\n")
			} else {
				fmt.Fprintf(io.Out, "One neuron cannot learn it: it is not linearly separable.\n")
			}
			fmt.Fprintln(io.Out, sep.Explain(d))
			return nil
		},
	}
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
