// Command seedruns times the original demo's training procedure through
// neuron.Train, to compare with bench/c/seed.c and the Python programs in
// bench/python.
//
// Run r (r = 0 .. runs−1) seeds rand.NewPCG(r, 0), draws the weights and
// bias with neuron.NewRandom and trains the n-input AND (or OR) with a zero
// Config except Rand: rate 0.5, goal 1e-10, stop on the drawn row's loss.
// It prints one line of key=value pairs, the same keys as seed.c:
//
//	seed lang=go fn=and inputs=2 runs=200 iters=… median_iters=… seconds=… ns_per_iter=…
//
// The time covers the runs (initial weights included), not building the
// data set.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
)

func main() {
	fn := flag.String("fn", "and", "boolean function to learn: and or or")
	runs := flag.Int("runs", 200, "number of runs, seeded 0 .. runs-1")
	inputs := flag.Int("inputs", 2, "number of inputs (the table has 2^inputs rows)")
	flag.Parse()
	if (*fn != "and" && *fn != "or") || *runs < 1 || *inputs < 1 || *inputs > boolfn.MaxInputs {
		fmt.Fprintln(os.Stderr, "seedruns: need -fn and|or, -runs >= 1, -inputs 1..16")
		os.Exit(2)
	}

	f, err := boolfn.Lookup(fmt.Sprintf("%s%d", *fn, *inputs)) // and2 is AND of 2 inputs
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedruns:", err)
		os.Exit(1)
	}
	d := f.Dataset()

	ctx := context.Background()
	perRun := make([]int, *runs)
	total := 0
	start := time.Now()
	for r := range *runs {
		rng := rand.New(rand.NewPCG(uint64(r), 0))
		res, err := neuron.Train(ctx, neuron.NewRandom(*inputs, rng), d, neuron.Config{Rand: rng})
		if err != nil {
			fmt.Fprintf(os.Stderr, "seedruns: run %d: %v\n", r, err)
			os.Exit(1)
		}
		perRun[r] = res.Iterations
		total += res.Iterations
	}
	secs := time.Since(start).Seconds()

	slices.Sort(perRun)
	median := perRun[*runs/2]
	if *runs%2 == 0 {
		median = (perRun[*runs/2-1] + perRun[*runs/2]) / 2
	}
	fmt.Printf("seed lang=go fn=%s inputs=%d runs=%d iters=%d median_iters=%d seconds=%.6f ns_per_iter=%.3f\n",
		*fn, *inputs, *runs, total, median, secs, secs*1e9/float64(total))
}
