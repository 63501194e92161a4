package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

func newFunctionsCmd(io IO) *cobra.Command {
	var (
		seeds  = 11
		seed   = uint64(run.DefaultSeed)
		hidden = 2
	)
	cmd := &cobra.Command{
		Use:   "functions",
		Short: "Did it learn? All 16 two-input functions, one neuron and two layers",
		Long: `functions lists the 16 boolean functions of two inputs a, b with their truth
tables (rows 00, 01, 10, 11), decides exactly whether one neuron can learn
each (linear separability), and trains: one neuron on each function it can
learn, and a two-layer network on the two it cannot (XOR and XNOR), each from
several seeds, with the train command's defaults (learning rate 0.5, every
row's loss at most 0.001). It reports the median number of iterations.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if seeds < 1 {
				return fmt.Errorf("--seeds must be at least 1")
			}
			if hidden < 1 || hidden > run.CommandLimits.Hidden {
				return fmt.Errorf("--hidden %d: want 1 to %d", hidden, run.CommandLimits.Hidden)
			}
			return runFunctions(cmd.Context(), io.Out, seeds, seed, hidden)
		},
	}
	cmd.Flags().Var(run.CountValue{P: &seeds}, "seeds", "train from this many seeds per function")
	cmd.Flags().VarP(run.SeedValue{P: &seed}, "seed", "s", "first seed; the others follow it")
	cmd.Flags().VarP(run.CountValue{P: &hidden}, "hidden", "H", "hidden neurons of the two-layer network")
	return cmd
}

func runFunctions(ctx context.Context, out io.Writer, seeds int, seed uint64, hidden int) error {
	fmt.Fprintf(out, "%-12s %-5s %-9s %-22s %s\n", "function", "table", "separable", "one neuron", fmt.Sprintf("two layers (2-%d-1)", hidden))
	for _, f := range boolfn.Named() {
		s := run.Default()
		s.Func = f.Name
		p, err := run.Prepare(s, run.CommandLimits)
		var notSep *run.NotSeparableError
		if err != nil && !errors.As(err, &notSep) {
			return err
		}
		yes, one, two := "no", "cannot", "-"
		if notSep == nil {
			yes = "yes"
			if one, err = medianRuns(ctx, p, seeds, seed); err != nil {
				return err
			}
		} else {
			s.Hidden = hidden
			if p, err = run.Prepare(s, run.CommandLimits); err != nil {
				return err
			}
			if two, err = medianRuns(ctx, p, seeds, seed); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "%-12s %-5s %-9s %-22s %s\n", f.Name, f.TableString(), yes, one, two)
	}
	fmt.Fprintf(out, "\nMedian iterations to the goal over %d seeds (%d to %d); learning rate %v, every row's loss ≤ %v.\n",
		seeds, seed, seed+uint64(seeds)-1, neuron.DefaultRate, neuron.DefaultGoal(neuron.StopMax, neuron.SquaredError))
	fmt.Fprintf(out, "Runs that stall (no 1%% fall of the loss in %s iterations) are counted as failures.\n", count(run.DefaultStall))
	return nil
}

// medianRuns trains the problem from each seed and describes the median
// iterations of the runs that met the goal, and how many did not.
func medianRuns(ctx context.Context, p *run.Problem, seeds int, seed uint64) (string, error) {
	var its []int
	for s := seed; s < seed+uint64(seeds); s++ {
		p.Setup.Seed = s
		res, err := p.Train(ctx, run.Options{})
		if err != nil {
			return "", err
		}
		if res.Status == neuron.GoalMet {
			its = append(its, res.Iterations)
		}
	}
	if len(its) == 0 {
		return fmt.Sprintf("not learned (0 of %d)", seeds), nil
	}
	slices.Sort(its)
	s := count(its[len(its)/2])
	if len(its) < seeds {
		s += fmt.Sprintf(" (%d of %d learned)", len(its), seeds)
	}
	return strings.TrimSpace(s), nil
}
