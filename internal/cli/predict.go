package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
)

func newPredictCmd(cio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "predict MODEL [INPUT...]",
		Short: "Use a saved model: print its output and class for inputs",
		Long: `predict loads a model saved with 'neuron train --save MODEL' and prints its
output o (between 0 and 1) and its class (1 if o ≥ 0.5, else 0) for the
inputs given as arguments, or, with no inputs, for each line of standard
input: numbers separated by spaces, tabs or commas, one row per line
(blank lines and lines starting with # are skipped).`,
		Example: `  neuron train and --save and.json
  neuron predict and.json 1 1
  printf '0 0\n0 1\n1 0\n1 1\n' | neuron predict and.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("model: %v", err)
			}
			m, _, err := neuron.Load(bufio.NewReader(f))
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %v", args[0], strings.TrimPrefix(err.Error(), "neuron: "))
			}
			out := bufio.NewWriter(cio.Out)
			defer out.Flush()
			if len(args) > 1 {
				x, err := parseInputs(args[1:], m.Inputs())
				if err != nil {
					return err
				}
				printPrediction(out, m.Output(x))
				return nil
			}
			return predictLines(cio.In, out, m)
		},
	}
}

// predictLines predicts each row of r, writing as it goes so that a
// pipeline sees every row before a bad one stops it.
func predictLines(r io.Reader, out *bufio.Writer, m neuron.Model) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.FieldsFunc(text, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' || c == ';' })
		x, err := parseInputs(fields, m.Inputs())
		if err != nil {
			out.Flush()
			return fmt.Errorf("line %d: %v", line, err)
		}
		printPrediction(out, m.Output(x))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading inputs: %v", err)
	}
	return nil
}

func parseInputs(fields []string, want int) ([]float64, error) {
	if len(fields) != want {
		return nil, fmt.Errorf("%d inputs given, the model has %d", len(fields), want)
	}
	x := make([]float64, want)
	for i, s := range fields {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || !finite(v) {
			return nil, fmt.Errorf("input %d: %q is not a finite number", i+1, s)
		}
		x[i] = v
	}
	return x, nil
}

// printPrediction prints the output and the class it stands for.
func printPrediction(w io.Writer, o float64) {
	class := 0
	if o >= 0.5 {
		class = 1
	}
	fmt.Fprintf(w, "%.10f %d\n", o, class)
}
