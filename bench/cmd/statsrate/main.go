// Command statsrate measures how much faster many runs train on two cores
// than on one: it times stats.Many on the same runs (by default those of
// 'neuron stats and --runs 10000') with 1 worker and with 2, alternately,
// reps times, and prints each side's median time and their ratio. The
// machine it was written on is shared and noisy, so the sides alternate
// and medians are compared, never single timings.
//
// It prints one line of key=value pairs per repetition and a last line:
//
//	statsrate fn=and runs=10000 reps=5 median_1=… median_2=… speedup=…
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/stats"
)

func main() {
	fn := flag.String("fn", "and", "boolean function, as 'neuron train' takes it")
	runs := flag.Int("runs", 10_000, "runs per timing, from seeds 1, 2, ...")
	reps := flag.Int("reps", 5, "timings of each side")
	flag.Parse()
	if *runs < 1 || *reps < 1 {
		fmt.Fprintln(os.Stderr, "statsrate: need -runs >= 1 and -reps >= 1")
		os.Exit(2)
	}
	if runtime.GOMAXPROCS(0) < 2 {
		fmt.Fprintln(os.Stderr, "statsrate: GOMAXPROCS is 1: two workers cannot run at once")
		os.Exit(2)
	}
	s := run.Default()
	s.Func = *fn
	p, err := run.Prepare(s, run.CommandLimits)
	if err != nil {
		fmt.Fprintln(os.Stderr, "statsrate:", err)
		os.Exit(1)
	}
	var times [3][]float64 // by number of workers
	var summary [3]*stats.Summary
	for rep := range *reps {
		for _, w := range []int{1, 2} {
			start := time.Now()
			sum, err := stats.Many(context.Background(), p, *runs, stats.Options{Workers: w})
			secs := time.Since(start).Seconds()
			if err != nil {
				fmt.Fprintln(os.Stderr, "statsrate:", err)
				os.Exit(1)
			}
			times[w] = append(times[w], secs)
			summary[w] = sum
			fmt.Printf("rep=%d workers=%d seconds=%.3f median_iters=%d\n", rep+1, w, secs, sum.Goal.Median)
		}
	}
	if summary[1].Goal != summary[2].Goal || summary[1].Failed != summary[2].Failed {
		fmt.Fprintln(os.Stderr, "statsrate: 1 and 2 workers gave different results")
		os.Exit(1)
	}
	m1, m2 := median(times[1]), median(times[2])
	fmt.Printf("statsrate fn=%s runs=%d reps=%d median_1=%.3f median_2=%.3f speedup=%.2f\n", *fn, *runs, *reps, m1, m2, m1/m2)
}

// median returns the middle value of v (the mean of the two middle ones
// for an even count).
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
