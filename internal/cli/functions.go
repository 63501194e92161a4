package cli

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
)

func newFunctionsCmd(io IO) *cobra.Command {
	var (
		seeds  countFlag = 11
		seed   uint64    = 1
		hidden int       = 2
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
			if hidden < 1 || hidden > maxHidden {
				return fmt.Errorf("--hidden %d: want 1 to %d", hidden, maxHidden)
			}
			return runFunctions(cmd.Context(), io.Out, int(seeds), seed, hidden)
		},
	}
	cmd.Flags().Var(&seeds, "seeds", "train from this many seeds per function")
	cmd.Flags().Uint64VarP(&seed, "seed", "s", seed, "first seed; the others follow it")
	cmd.Flags().IntVarP(&hidden, "hidden", "H", hidden, "hidden neurons of the two-layer network")
	return cmd
}

func runFunctions(ctx context.Context, out io.Writer, seeds int, seed uint64, hidden int) error {
	fmt.Fprintf(out, "%-12s %-5s %-9s %-22s %s\n", "function", "table", "separable", "one neuron", fmt.Sprintf("two layers (2-%d-1)", hidden))
	for _, f := range boolfn.Named() {
		d := f.Dataset()
		sep, err := boolfn.Separable(d)
		if err != nil {
			return err
		}
		yes, one, two := "no", "cannot", "-"
		if sep.Separable {
			yes = "yes"
			if one, err = medianRuns(ctx, d, seeds, seed, 0); err != nil {
				return err
			}
		} else if two, err = medianRuns(ctx, d, seeds, seed, hidden); err != nil {
			return err
		}
		fmt.Fprintf(out, "%-12s %-5s %-9s %-22s %s\n", f.Name, f.TableString(), yes, one, two)
	}
	fmt.Fprintf(out, "\nMedian iterations to the goal over %d seeds (%d to %d); learning rate %v, every row's loss ≤ %v.\n",
		seeds, seed, seed+uint64(seeds)-1, neuron.DefaultRate, neuron.DefaultGoal(neuron.StopMax))
	fmt.Fprintf(out, "Runs that stall (no 1%% fall of the loss in %s iterations) are counted as failures.\n", count(defaultStall))
	return nil
}

// medianRuns trains a fresh model from each seed and describes the median
// iterations of the runs that met the goal, and how many did not.
func medianRuns(ctx context.Context, d *neuron.Dataset, seeds int, seed uint64, hidden int) (string, error) {
	var its []int
	for s := seed; s < seed+uint64(seeds); s++ {
		rng := rand.New(rand.NewPCG(s, 0))
		cfg := neuron.Config{Rand: rng, Stop: neuron.StopMax, MaxIter: defaultMaxIter}
		if hidden > 0 {
			cfg.StallWindow = defaultStall
		}
		res, err := neuron.Train(ctx, newModel(d.Inputs, hidden, rng), d, cfg)
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
