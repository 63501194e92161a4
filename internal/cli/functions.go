package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

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
		loss   neuron.Loss
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "functions",
		Short: "Did it learn? All 16 two-input functions, one neuron and two layers",
		Long: `functions lists the 16 boolean functions of two inputs a, b with their truth
tables (rows 00, 01, 10, 11), decides exactly whether one neuron can learn
each (linear separability), and trains: one neuron on each function it can
learn, and a two-layer network on the two it cannot (XOR and XNOR), each from
several seeds, with the train command's defaults (learning rate 0.5, every
row's loss at most 0.001, or 0.046 with --loss cross-entropy). It reports the
median number of iterations.

With --json, standard output is one JSON object: seeds, first_seed, hidden,
rate, loss, goal, stall, and functions [{name, truth_table, separable, one_neuron,
two_layers}], where one_neuron (for the separable functions) and two_layers
(for the others) are {runs, learned, median_iterations} (median_iterations
is null when no run learned) and the other is null.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if seeds < 1 {
				return fmt.Errorf("--seeds %d: want at least 1", seeds)
			}
			if hidden < 1 || hidden > run.CommandLimits.Hidden {
				return fmt.Errorf("--hidden %d: want 1 to %d", hidden, run.CommandLimits.Hidden)
			}
			doc := newFunctionsDoc(seeds, seed, hidden, loss)
			each := func(f functionJSON) {}
			if !asJSON {
				fmt.Fprintf(io.Out, "%-12s %-5s %-9s %-22s %s\n", "function", "table", "separable", "one neuron", fmt.Sprintf("two layers (2-%d-1)", hidden))
				each = func(f functionJSON) { printFunction(io.Out, f) } // each row as soon as it is known
			}
			if err := runFunctions(cmd.Context(), doc, each); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(io.Out, doc)
			}
			printFunctionsEnd(io.Out, doc)
			return nil
		},
	}
	cmd.Flags().Var(run.CountValue{P: &seeds}, "seeds", "train from this many seeds per function")
	cmd.Flags().VarP(run.SeedValue{P: &seed}, "seed", "s", "first seed; the others follow it")
	cmd.Flags().VarP(run.CountValue{P: &hidden}, "hidden", "H", "hidden neurons of the two-layer network")
	cmd.Flags().Var(run.LossValue(&loss), run.FlagLoss, "loss minimized: squared (½(o−t)², the original demo's) or cross-entropy")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the table as one JSON object (fields above)")
	for _, name := range []string{"seeds", "seed", "hidden"} {
		cmd.RegisterFlagCompletionFunc(name, nothing)
	}
	return cmd
}

// functionsJSON is the document 'neuron functions --json' prints.
type functionsJSON struct {
	Seeds     int            `json:"seeds"`
	FirstSeed uint64         `json:"first_seed"`
	Hidden    int            `json:"hidden"`
	Rate      number         `json:"rate"`
	Loss      string         `json:"loss"`
	Goal      number         `json:"goal"`
	Stall     int            `json:"stall"`
	Functions []functionJSON `json:"functions"`
}

type functionJSON struct {
	Name       string    `json:"name"`
	TruthTable string    `json:"truth_table"`
	Separable  bool      `json:"separable"`
	OneNeuron  *runsJSON `json:"one_neuron"`
	TwoLayers  *runsJSON `json:"two_layers"`
}

// runsJSON sums up the runs of one model from several seeds.
type runsJSON struct {
	Runs             int  `json:"runs"`
	Learned          int  `json:"learned"`
	MedianIterations *int `json:"median_iterations"`
}

func newFunctionsDoc(seeds int, seed uint64, hidden int, l neuron.Loss) *functionsJSON {
	return &functionsJSON{Seeds: seeds, FirstSeed: seed, Hidden: hidden, Rate: neuron.DefaultRate, Loss: l.String(),
		Goal: number(neuron.DefaultGoal(neuron.StopMax, l)), Stall: run.DefaultStall, Functions: []functionJSON{}}
}

// runFunctions trains every two-input function from each of doc's
// seeds, adds each to doc and passes it to each.
func runFunctions(ctx context.Context, doc *functionsJSON, each func(functionJSON)) error {
	seeds, seed, hidden := doc.Seeds, doc.FirstSeed, doc.Hidden
	for _, f := range boolfn.Named() {
		s := run.Default()
		s.Func = f.Name
		if err := s.Loss.UnmarshalText([]byte(doc.Loss)); err != nil {
			return err
		}
		p, err := run.Prepare(s, run.CommandLimits)
		var notSep *run.NotSeparableError
		if err != nil && !errors.As(err, &notSep) {
			return err
		}
		fj := functionJSON{Name: f.Name, TruthTable: f.TableString(), Separable: notSep == nil}
		if notSep == nil {
			if fj.OneNeuron, err = medianRuns(ctx, p, seeds, seed); err != nil {
				return err
			}
		} else {
			s.Hidden = hidden
			if p, err = run.Prepare(s, run.CommandLimits); err != nil {
				return err
			}
			if fj.TwoLayers, err = medianRuns(ctx, p, seeds, seed); err != nil {
				return err
			}
		}
		doc.Functions = append(doc.Functions, fj)
		each(fj)
	}
	return nil
}

// printFunction prints a function's row of the table.
func printFunction(out io.Writer, f functionJSON) {
	yes, one, two := "no", "cannot", "-"
	if f.Separable {
		yes = "yes"
	}
	if f.OneNeuron != nil {
		one = f.OneNeuron.String()
	}
	if f.TwoLayers != nil {
		two = f.TwoLayers.String()
	}
	fmt.Fprintf(out, "%-12s %-5s %-9s %-22s %s\n", f.Name, f.TruthTable, yes, one, two)
}

// printFunctionsEnd prints what the table's numbers mean.
func printFunctionsEnd(out io.Writer, doc *functionsJSON) {
	loss := ""
	if doc.Loss != neuron.SquaredError.String() {
		loss = " " + doc.Loss
	}
	fmt.Fprintf(out, "\nMedian iterations to the goal over %d seeds (%d to %d); learning rate %v, every row's%s loss ≤ %v.\n",
		doc.Seeds, doc.FirstSeed, doc.FirstSeed+uint64(doc.Seeds)-1, float64(doc.Rate), loss, float64(doc.Goal))
	fmt.Fprintf(out, "Runs that stall (no 1%% fall of the loss in %s iterations) are counted as failures.\n", count(doc.Stall))
}

// String describes the runs: the median iterations of those that met
// the goal, and how many did not.
func (r *runsJSON) String() string {
	if r.MedianIterations == nil {
		return fmt.Sprintf("not learned (0 of %d)", r.Runs)
	}
	s := count(*r.MedianIterations)
	if r.Learned < r.Runs {
		s += fmt.Sprintf(" (%d of %d learned)", r.Learned, r.Runs)
	}
	return s
}

// medianRuns trains the problem from each seed and sums up the runs.
func medianRuns(ctx context.Context, p *run.Problem, seeds int, seed uint64) (*runsJSON, error) {
	var its []int
	for k := range seeds {
		p.Setup.Seed = seed + uint64(k)
		res, err := p.Train(ctx, run.Options{})
		if err != nil {
			return nil, err
		}
		if res.Status == neuron.GoalMet {
			its = append(its, res.Iterations)
		}
	}
	r := &runsJSON{Runs: seeds, Learned: len(its)}
	if len(its) > 0 {
		slices.Sort(its)
		r.MedianIterations = &its[len(its)/2]
	}
	return r, nil
}
