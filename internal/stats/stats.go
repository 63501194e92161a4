// Package stats trains many runs of one setup at once, on every core, and
// describes how many iterations they took to reach the goal: Many for one
// setup, SweepRates for a range of learning rates.
//
// Run k of n starts from seed s+k, where s is the setup's seed, so that
// 'neuron train ... --seed s+k' repeats it. Each run trains through
// run.Problem.Train, with the setup's restarts; its result depends only on
// its seed, so the results are the same, bit for bit, whatever the number
// of workers or cores.
//
// With restarts, a run that fails from seed s+k tries again from s+k+1,
// which is where the next run starts: neighbouring runs then share
// attempts, as 'neuron train --restarts' would make them.
package stats

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
)

// A Run is one run of a setup: the seed it started from and how it ended.
type Run struct {
	Seed   uint64        `json:"seed"`
	Status neuron.Status `json:"status"` // how its last attempt ended
	// Attempts is 1 plus the number of restarts the run used.
	Attempts int `json:"attempts"`
	// Iterations counts the iterations of every attempt: the work it took
	// to reach the goal, or to give up.
	Iterations int `json:"iterations"`
	// Last counts the iterations of the last attempt alone, the number
	// 'neuron train' reports as "Learned in N iterations".
	Last int `json:"last"`
	// FlatSpot reports a run that reached the cap or stalled on the
	// squared error's flat spot: a wrong output saturated near 0 or 1 (see
	// run.Problem.FlatSpot), where cross-entropy would still learn.
	FlatSpot bool `json:"flat_spot,omitempty"`
}

// Met reports whether the run met its goal.
func (r Run) Met() bool { return r.Status == neuron.GoalMet }

// Failures counts the runs that ended without meeting the goal, by how
// their last attempt ended.
type Failures struct {
	Cap       int `json:"cap"`       // the iteration cap came first
	Stalled   int `json:"stalled"`   // the loss stopped falling (a network in a local minimum)
	Saturated int `json:"saturated"` // the outputs were pinned at 0 or 1 and the weights stopped changing
	Diverged  int `json:"diverged"`  // the weights overflowed

	// FlatSpot counts the runs among Cap and Stalled that ended with a
	// wrong output on the squared error's flat spot, where cross-entropy
	// would still learn (Run.FlatSpot). It is not one more reason: Total
	// does not add it.
	FlatSpot int `json:"flat_spot"`
}

// Total returns the number of failed runs.
func (f Failures) Total() int { return f.Cap + f.Stalled + f.Saturated + f.Diverged }

// String lists the reasons, most common first (ties in a fixed order),
// e.g. "8 stalled, 4 reached the cap"; it is empty when no run failed.
func (f Failures) String() string {
	type reason struct {
		n    int
		what string
	}
	rs := []reason{{f.Cap, "reached the cap"}, {f.Stalled, "stalled"}, {f.Saturated, "saturated"}, {f.Diverged, "diverged"}}
	slices.SortStableFunc(rs, func(a, b reason) int { return b.n - a.n })
	var parts []string
	for _, r := range rs {
		if r.n > 0 {
			parts = append(parts, explain.Count(r.n)+" "+r.what)
		}
	}
	return strings.Join(parts, ", ")
}

// add counts a run that ended with status s, which must be a failure.
func (f *Failures) add(s neuron.Status) error {
	switch s {
	case neuron.IterationLimit:
		f.Cap++
	case neuron.Stalled:
		f.Stalled++
	case neuron.Saturated:
		f.Saturated++
	case neuron.Diverged:
		f.Diverged++
	default:
		// A run.Setup has no epoch cap or early stopping, so nothing else
		// can end a run that was not canceled.
		return fmt.Errorf("stats: a run ended unexpectedly: %v", s)
	}
	return nil
}

// A Summary describes the runs of one setup.
type Summary struct {
	// Setup is the setup of the runs; its Seed is the first run's seed.
	Setup run.Setup `json:"setup"`
	// Asked is the number of runs asked for. Fewer finish when the runs
	// are canceled.
	Asked int `json:"asked"`
	// Runs are the runs that finished, in order of seed. A run canceled
	// while it trained is not among them.
	Runs []Run `json:"runs,omitempty"`
	// Goal describes the iterations (Run.Iterations) of the runs that met
	// the goal.
	Goal Dist `json:"goal"`
	// Failed counts the runs that did not, by reason.
	Failed Failures `json:"failed"`
}

// Finished returns the number of runs that finished.
func (s *Summary) Finished() int { return len(s.Runs) }

// FailedFraction returns the fraction of the finished runs that failed,
// from 0 to 1, or 0 if none finished.
func (s *Summary) FailedFraction() float64 {
	if len(s.Runs) == 0 {
		return 0
	}
	return float64(s.Failed.Total()) / float64(len(s.Runs))
}

// Iterations returns the iterations of the runs that met the goal, in
// increasing order: the values Goal describes, ready for Rank.
func (s *Summary) Iterations() []int {
	var v []int
	for _, r := range s.Runs {
		if r.Met() {
			v = append(v, r.Iterations)
		}
	}
	slices.Sort(v)
	return v
}

// summarize describes the finished runs of setup.
func summarize(setup run.Setup, asked int, runs []Run) (*Summary, error) {
	s := &Summary{Setup: setup, Asked: asked, Runs: runs}
	var its []int
	for _, r := range runs {
		if r.Met() {
			its = append(its, r.Iterations)
			continue
		}
		if err := s.Failed.add(r.Status); err != nil {
			return s, err
		}
		if r.FlatSpot {
			s.Failed.FlatSpot++
		}
	}
	s.Goal = Describe(its)
	return s, nil
}

// Options says how many runs train at once and who hears of them.
type Options struct {
	// Workers is the number of runs trained at once, each on its own
	// goroutine. If zero, runtime.GOMAXPROCS(0) is used: one per core.
	// It changes how fast the runs finish, never their results.
	Workers int
	// Progress, if not nil, is called each time a run finishes, with the
	// number finished so far and the number asked for. It is called from
	// the goroutine that called Many or SweepRates, one call at a time;
	// while it runs, finished runs wait to be counted.
	Progress func(done, total int)
}

// workers returns the number of goroutines to use for n runs.
func (o *Options) workers(n int) (int, error) {
	w := o.Workers
	switch {
	case w < 0:
		return 0, fmt.Errorf("workers must be at least 1 (or 0 for one per core), not %d", w)
	case w == 0:
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n)), nil
}

// Many trains n runs of p's setup, from seeds p.Setup.Seed,
// p.Setup.Seed+1, ..., on o.Workers goroutines, and describes them.
//
// When ctx is canceled, Many stops the runs in flight, waits for them to
// end, and returns the summary of the runs that had finished, with
// ctx's error. Any other error ends every run and is returned, with the
// summary so far.
func Many(ctx context.Context, p *run.Problem, n int, o Options) (*Summary, error) {
	if n < 1 {
		return nil, fmt.Errorf("runs must be at least 1, not %d", n)
	}
	workers, err := o.workers(n)
	if err != nil {
		return nil, err
	}
	results := make([]Run, n)
	finished, err := each(ctx, n, workers, o.Progress, func(ctx context.Context, i int) (bool, error) {
		r, ok, err := one(ctx, p, p.Setup.Seed+uint64(i))
		results[i] = r
		return ok, err
	})
	s, serr := summarize(p.Setup, n, keep(results, finished))
	return s, errors.Join(err, serr)
}

// one trains the run of p from seed. It reports false, and no error, for
// a run canceled by ctx while it trained: such a run is not counted.
func one(ctx context.Context, p *run.Problem, seed uint64) (Run, bool, error) {
	q := *p // p is shared by every worker; Train only reads it
	q.Setup.Seed = seed
	out, err := q.Train(ctx, run.Options{})
	if err != nil && !errors.Is(err, neuron.ErrDiverged) { // a diverged run is a failed run
		if ctx.Err() != nil {
			return Run{}, false, nil
		}
		return Run{}, false, fmt.Errorf("run from seed %d: %w", seed, err)
	}
	r := Run{Seed: seed, Status: out.Status, Attempts: len(out.Attempts), Last: out.Iterations}
	stuck := out.Status == neuron.IterationLimit || out.Status == neuron.Stalled
	r.FlatSpot = stuck && out.Model != nil && p.FlatSpot(out.Model)
	for _, a := range out.Attempts {
		r.Iterations += a.Iterations
	}
	return r, true, nil
}

// keep returns the results whose index finished, in order.
func keep(results []Run, finished []bool) []Run {
	var out []Run
	for i, r := range results {
		if finished[i] {
			out = append(out, r)
		}
	}
	return out
}
