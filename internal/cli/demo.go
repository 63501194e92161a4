package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
)

// runDemo is the seed's "Did it learn?": one neuron learns AND, then OR,
// with the seed's procedure and numbers, and prints each row's expected
// and actual output and the number of iterations.
func runDemo(ctx context.Context, out io.Writer, seed uint64) error {
	fmt.Fprintf(out, "One neuron learns AND and OR by steepest descent: learning rate %v, loss goal %v,\n", neuron.DefaultRate, neuron.DefaultGoal(neuron.StopRow))
	fmt.Fprintf(out, "stopping when the row just drawn has a loss at most the goal (the seed's rule).\n")
	var worst [2]float64 // each function's largest |o−t| over its rows
	for k, name := range []string{"and", "or"} {
		f, err := boolfn.Lookup(name)
		if err != nil {
			return err
		}
		d := f.Dataset()
		// Each function gets its own source from the same seed, so that
		// 'neuron train and --stop row --goal 1e-10 --seed S' repeats it.
		rng := rand.New(rand.NewPCG(seed, 0))
		n := neuron.NewRandom(d.Inputs, rng)
		res, err := neuron.Train(ctx, n, d, neuron.Config{Rand: rng})
		fmt.Fprintf(out, "\n// OUTPUT FOR %s\n", strings.ToUpper(name))
		for i := range d.Len() {
			x, t := d.Row(i)
			o := n.Output(x)
			fmt.Fprintf(out, "Expected: %v Actual: %.10f\n", t, o)
			worst[k] = max(worst[k], math.Abs(o-t))
		}
		fmt.Fprintf(out, "Number of Iterations: %d\n", res.Iterations)
		fmt.Fprintf(out, "Weights: %s; bias b = %s\n", weightList(n.W), num(n.Bias))
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\nSeed: %d (run 'neuron --seed %d' to repeat this run exactly)\n", seed, seed)
	fmt.Fprintf(out, "The seed's rule checks only the row just drawn: the largest |expected − actual|\n")
	fmt.Fprintf(out, "is still %.4f for AND and %.4f for OR. 'neuron train and' stops when every row is learned.\n", worst[0], worst[1])
	return nil
}
