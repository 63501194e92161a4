package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
)

// demoSetup is the original demo's run of a function: one neuron,
// learning rate 0.5, squared error, stop as soon as the row just drawn
// has a loss of at most 1e-10, no iteration cap.
func demoSetup(fn string, seed uint64) run.Setup {
	s := run.Default()
	s.Func, s.Seed, s.Stop, s.Goal, s.MaxIter = fn, seed, neuron.StopRow, neuron.DefaultGoal(neuron.StopRow, neuron.SquaredError), 0
	return s
}

// runDemo is the original "Did it learn?": one neuron learns AND, then OR,
// with the original procedure and numbers, and prints each row's expected
// and actual output and the number of iterations.
func runDemo(ctx context.Context, out io.Writer, seed uint64) error {
	fmt.Fprintf(out, "One neuron learns AND and OR by steepest descent: learning rate %v, loss goal %v,\n",
		neuron.DefaultRate, neuron.DefaultGoal(neuron.StopRow, neuron.SquaredError))
	fmt.Fprintf(out, "stopping when the row just drawn has a loss at most the goal (the original demo's rule).\n")
	var worst [2]float64 // each function's largest |o−t| over its rows
	for k, name := range []string{"and", "or"} {
		// Each function starts from the same seed, so that
		// 'neuron train and --stop row --goal 1e-10 --max-iter 0 --seed S'
		// repeats it.
		p, err := run.Prepare(demoSetup(name, seed), run.CommandLimits)
		if err != nil {
			return err
		}
		res, err := p.Train(ctx, run.Options{})
		d, m := p.Data, res.Model
		fmt.Fprintf(out, "\n// OUTPUT FOR %s\n", strings.ToUpper(name))
		for i := range d.Len() {
			x, t := d.Row(i)
			o := m.Output(x)
			fmt.Fprintf(out, "Expected: %v Actual: %.10f\n", t, o)
			worst[k] = max(worst[k], math.Abs(o-t))
		}
		fmt.Fprintf(out, "Number of Iterations: %d\n", res.Iterations)
		n := m.(*neuron.Neuron)
		fmt.Fprintf(out, "Weights: %s; bias b = %s\n", weightList(n.W), num(n.Bias))
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\nSeed: %d (run 'neuron --seed %d' to repeat this run exactly)\n", seed, seed)
	fmt.Fprintf(out, "This rule checks only the row just drawn: the largest |expected − actual|\n")
	fmt.Fprintf(out, "is still %.4f for AND and %.4f for OR. 'neuron train and' stops when every row is learned.\n", worst[0], worst[1])
	return nil
}
