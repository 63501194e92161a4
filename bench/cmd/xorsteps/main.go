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
)

func main() {
	hidden := flag.Int("hidden", 4, "number of hidden neurons, H")
	iters := flag.Int("iters", 20_000_000, "number of steps")
	seed := flag.Uint64("seed", 1, "seed of the generator (initial weights and row draws)")
	inputs := flag.Int("inputs", 2, "number of inputs of the XOR (parity) table")
	rate := flag.Float64("rate", 0.5, "learning rate")
	flag.Parse()
	if *hidden < 1 || *iters < 1 || *inputs < 1 || *inputs > 20 {
		fmt.Fprintln(os.Stderr, "xorsteps: need -hidden >= 1, -iters >= 1, -inputs 1..20")
		os.Exit(2)
	}

	d, err := parity(*inputs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "xorsteps:", err)
		os.Exit(1)
	}
	rows := d.Len()
	rng := rand.New(rand.NewPCG(*seed, 0))
	net := neuron.NewNetRandom(*inputs, *hidden, rng)

	sum := 0.0
	start := time.Now()
	for range *iters {
		x, t := d.Row(rng.IntN(rows))
		sum += net.Step(x, t, *rate)
	}
	secs := time.Since(start).Seconds()

	stats := neuron.Evaluate(net, d)
	fmt.Printf("xor lang=go hidden=%d iters=%d seconds=%.6f ns_per_iter=%.3f mean_loss=%.3g final_max_loss=%.3g\n",
		*hidden, *iters, secs, secs*1e9/float64(*iters), sum/float64(*iters), stats.Max)
}

// parity returns the n-input XOR table: the target is 1 when an odd
// number of inputs are 1. Row r's input i is bit n−1−i of r.
func parity(n int) (*neuron.Dataset, error) {
	rows := 1 << n
	x := make([][]float64, rows)
	t := make([]float64, rows)
	for r := range rows {
		x[r] = make([]float64, n)
		ones := 0
		for i := range n {
			bit := (r >> (n - 1 - i)) & 1
			x[r][i] = float64(bit)
			ones += bit
		}
		t[r] = float64(ones & 1)
	}
	return neuron.NewDataset(x, t)
}
