package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/neuronlab/neuron/internal/run"
)

// A Sweep describes runs of one setup at several learning rates.
type Sweep struct {
	// Runs is the number of runs asked for at each rate, all from the same
	// seeds: a rate's runs differ from another's only by the rate.
	Runs int `json:"runs"`
	// Points are the rates' summaries, in increasing order of rate; each
	// Setup.Rate is its rate.
	Points []*Summary `json:"points"`
}

// Rates returns points learning rates from lo to hi, spaced evenly on a
// log scale: rate k, for k = 0 … points−1, is lo·(hi/lo)^(k/(points−1)),
// so that each is the same factor larger than the one before. The first
// is exactly lo and the last exactly hi. One point needs lo = hi.
func Rates(lo, hi float64, points int) ([]float64, error) {
	switch {
	case !(lo > 0) || !(hi > 0) || math.IsInf(lo, 0) || math.IsInf(hi, 0):
		return nil, fmt.Errorf("learning rates must be positive numbers, not %v and %v", lo, hi)
	case lo > hi:
		return nil, fmt.Errorf("learning rate range %v:%v goes down; give the smaller rate first", lo, hi)
	case points < 1:
		return nil, fmt.Errorf("points must be at least 1, not %d", points)
	case points == 1 && lo != hi:
		return nil, fmt.Errorf("one point cannot span the rates %v to %v; give more points, or one rate", lo, hi)
	case points > 1 && lo == hi:
		return nil, fmt.Errorf("%d points need a range of rates, not the one rate %v", points, lo)
	}
	rates := make([]float64, points)
	// ln hi − ln lo, not ln(hi/lo): the ratio of 1e-300 and 1e300 overflows.
	step := (math.Log(hi) - math.Log(lo)) / float64(max(points-1, 1))
	for k := range rates {
		rates[k] = lo * math.Exp(float64(k)*step)
	}
	rates[0], rates[points-1] = lo, hi
	return rates, nil
}

// ParseRange reads a range of learning rates written lo:hi, e.g.
// "0.05:20", or a single rate, "0.5", which is the range 0.5:0.5.
func ParseRange(s string) (lo, hi float64, err error) {
	bad := fmt.Errorf("rate range %q: want two positive numbers with a colon between, such as 0.05:20", run.Short(s))
	a, b, isRange := strings.Cut(s, ":")
	if lo, err = run.ParseNumber(a); err != nil {
		return 0, 0, bad
	}
	hi = lo
	if isRange {
		if hi, err = run.ParseNumber(b); err != nil {
			return 0, 0, bad
		}
	}
	switch {
	case !(lo > 0) || !(hi > 0):
		return 0, 0, bad
	case lo > hi:
		return 0, 0, fmt.Errorf("rate range %q: goes down; give the smaller rate first", run.Short(s))
	}
	return lo, hi, nil
}

// SweepRates trains n runs of p's setup at each of the learning rates,
// from the same seeds at every rate (p.Setup.Seed, p.Setup.Seed+1, ...),
// and describes each rate's runs. Every run of every rate shares one pool
// of o.Workers goroutines; o.Progress counts runs over all the rates.
//
// When ctx is canceled, SweepRates returns, with ctx's error, each rate's
// summary of the runs that had finished (a rate may then have none).
func SweepRates(ctx context.Context, p *run.Problem, rates []float64, n int, o Options) (*Sweep, error) {
	if n < 1 {
		return nil, fmt.Errorf("runs must be at least 1, not %d", n)
	}
	if len(rates) == 0 {
		return nil, errors.New("no learning rates to sweep")
	}
	problems := make([]*run.Problem, len(rates))
	for k, r := range rates {
		if !(r > 0) || math.IsInf(r, 0) {
			return nil, fmt.Errorf("learning rates must be positive numbers, not %v", r)
		}
		q := *p
		q.Setup.Rate = r
		problems[k] = &q
	}
	total := len(rates) * n
	workers, err := o.workers(total)
	if err != nil {
		return nil, err
	}
	// Job j is run j/nr at rate j%nr, for nr rates: run 0 at every rate, then
	// run 1, and so on, so that a canceled sweep has runs at every rate.
	nr := len(rates)
	results := make([]Run, total)
	finished, err := each(ctx, total, workers, o.Progress, func(ctx context.Context, j int) (bool, error) {
		q := problems[j%nr]
		r, ok, err := one(ctx, q, q.Setup.Seed+uint64(j/nr))
		results[j] = r
		return ok, err
	})
	sw := &Sweep{Runs: n}
	for k, q := range problems {
		var runs []Run
		for j := k; j < total; j += nr {
			if finished[j] {
				runs = append(runs, results[j])
			}
		}
		s, serr := summarize(q.Setup, n, runs)
		err = errors.Join(err, serr)
		sw.Points = append(sw.Points, s)
	}
	return sw, err
}

// Fastest returns the rate's summary with the smallest median among the
// rates at which at most the fraction maxFailed of the finished runs
// failed (the lowest such rate, of equal medians), or nil if there is
// none. A rate at which many runs fail does not learn fast, however
// quick its few lucky runs.
func (sw *Sweep) Fastest(maxFailed float64) *Summary {
	var best *Summary
	for _, s := range sw.Points {
		if s.Goal.N > 0 && s.FailedFraction() <= maxFailed && (best == nil || s.Goal.Median < best.Goal.Median) {
			best = s
		}
	}
	return best
}
