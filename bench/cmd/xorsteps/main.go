// Command xorsteps times (*neuron.Net).Step, the two-layer network's
// training step, to compare with bench/c/net.c and
// bench/python/xor_torch.py.
//
// It builds a network with neuron.NewNetRandom(inputs, hidden, rng), rng
// seeded rand.NewPCG(seed, 0), and takes a fixed number of steps on XOR
// (the parity of the inputs; two inputs by default), each on one row
// drawn by rng.IntN(rows), at learning rate 0.5. The losses are summed so
// that none of the work is dead. It prints one line of key=value pairs,
// the same keys as net.c:
//
//	xor lang=go hidden=4 iters=… seconds=… ns_per_iter=… mean_loss=… final_max_loss=…
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
)

func main() {
	hidden := flag.Int("hidden", 4, "number of hidden neurons, H")
	iters := flag.Int("iters", 20_000_000, "number of steps")
	seed := flag.Uint64("seed", 1, "seed of the generator (initial weights and row draws)")
	inputs := flag.Int("inputs", 2, "number of inputs of the XOR (parity) table")
	rate := flag.Float64("rate", 0.5, "learning rate")
	flag.Parse()
	if *hidden < 1 || *iters < 1 || *inputs < 1 || *inputs > boolfn.MaxInputs {
		fmt.Fprintln(os.Stderr, "xorsteps: need -hidden >= 1, -iters >= 1, -inputs 1..16")
		os.Exit(2)
	}

	f, err := boolfn.Lookup(fmt.Sprintf("parity%d", *inputs))
	if err != nil {
		fmt.Fprintln(os.Stderr, "xorsteps:", err)
		os.Exit(1)
	}
	d := f.Dataset()
	rows := d.Len()
	rng := rand.New(rand.NewPCG(*seed, 0))
	net := neuron.NewNetRandom(*inputs, *hidden, rng)

	sum := 0.0
	start := time.Now()
	for range *iters {
		x, t := d.Row(rng.IntN(rows))
		sum += net.Step(x, t, *rate, neuron.SquaredError)
	}
	secs := time.Since(start).Seconds()

	stats := neuron.Evaluate(net, d, neuron.SquaredError)
	fmt.Printf("xor lang=go hidden=%d iters=%d seconds=%.6f ns_per_iter=%.3f mean_loss=%.3g final_max_loss=%.3g\n",
		*hidden, *iters, secs, secs*1e9/float64(*iters), sum/float64(*iters), stats.Max)
}
