// Command stallrate measures how often a two-layer network fails to learn
// XOR: for each number of hidden neurons it trains from many seeds
// (learning rate 0.5, N(0, 1) starts, every row's loss ≤ 1e-3, at most 2
// million iterations) and counts the runs that met the goal, the ones the
// stall detector stopped, and the ones that reached the cap. With -stall 0
// the detector is off and every failure runs to the cap.
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
)

func main() {
	seeds := flag.Int("seeds", 1000, "seeds per network size (0 .. seeds-1)")
	capIter := flag.Int("cap", 2_000_000, "iteration cap")
	stall := flag.Int("stall", 500_000, "stall window (0: off)")
	flag.Parse()
	xor, err := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 0})
	if err != nil {
		fmt.Fprintln(os.Stderr, "stallrate:", err)
		os.Exit(1)
	}
	fmt.Printf("XOR, 2-H-1, learning rate 0.5, goal: every row's loss <= 1e-3, cap %d, stall window %d, %d seeds\n", *capIter, *stall, *seeds)
	fmt.Printf("%-3s %8s %8s %8s %9s %14s %14s %8s\n", "H", "learned", "stalled", "capped", "failed%", "median iters", "stall at (med)", "seconds")
	for _, h := range []int{2, 3, 4} {
		start := time.Now()
		var ok, stalled, capped int
		var its, stallAt []int
		for s := range uint64(*seeds) {
			rng := rand.New(rand.NewPCG(s, 0))
			res, err := neuron.Train(context.Background(), neuron.NewNetRandom(2, h, rng), xor,
				neuron.Config{Rand: rng, Stop: neuron.StopMax, MaxIter: *capIter, StallWindow: *stall})
			if err != nil {
				fmt.Fprintln(os.Stderr, "stallrate:", err)
				os.Exit(1)
			}
			switch res.Status {
			case neuron.GoalMet:
				ok++
				its = append(its, res.Iterations)
			case neuron.Stalled:
				stalled++
				stallAt = append(stallAt, res.Iterations)
			default:
				capped++
			}
		}
		fmt.Printf("%-3d %8d %8d %8d %8.1f%% %14d %14d %8.1f\n", h, ok, stalled, capped,
			100*float64(stalled+capped)/float64(*seeds), median(its), median(stallAt), time.Since(start).Seconds())
	}
}

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return v[len(v)/2]
}
