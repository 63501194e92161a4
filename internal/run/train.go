package run

import (
	"context"

	"github.com/neuronlab/neuron"
)

// Options says what a caller wants to see of a run, beyond its result.
type Options struct {
	// Observe, if not nil, is called before each attempt with the
	// attempt's seed and starting model; it returns the attempt's
	// neuron.Config.Progress hook, or nil.
	Observe func(seed uint64, m neuron.Model) func(neuron.Event) error
	// Restarted, if not nil, is called when an attempt ends without
	// meeting the goal and the next one begins, with its seed.
	Restarted func(a Attempt, next uint64)
	// History, if positive, records the final attempt's loss curve in at
	// most that many points (neuron.History).
	History int
	// StopAt, if positive, stops the run after that many iterations, as if
	// paused there: Outcome.Paused says so. It applies to runs without
	// restarts, where "iteration N" means one thing.
	StopAt int
}

// An Attempt is one try of a run: the seed it started from and how it
// ended.
type Attempt struct {
	Seed       uint64
	Status     neuron.Status
	Iterations int
	MaxLoss    float64 // the largest row loss at its end
}

// An Outcome is a finished (or paused) run.
type Outcome struct {
	neuron.Result
	Config   neuron.Config // as trained, without its random source and hooks
	Seed     uint64        // the seed of the final attempt
	Attempts []Attempt     // every attempt, the final one last
	History  *neuron.History
	// Paused reports that the run stopped at Options.StopAt, not for one
	// of its own reasons.
	Paused bool
}

// Train trains the problem's model: an attempt from the setup's seed and,
// while attempts end without meeting the goal (a stall, the cap) and
// restarts remain, another from the next seed. It returns the outcome so
// far even with an error; the error is neuron.Train's (a canceled ctx,
// overflow, a hook's error).
func (p *Problem) Train(ctx context.Context, o Options) (*Outcome, error) {
	s := &p.Setup
	out := &Outcome{Config: s.Config()}
	restarts := s.Restarts
	if o.StopAt > 0 {
		restarts = 0
		if out.Config.MaxIter == neuron.NoLimit || o.StopAt < out.Config.MaxIter {
			out.Config.MaxIter = o.StopAt
		}
	}
	seed := s.Seed
	for attempt := 0; ; attempt++ {
		m, rng := p.NewModel(seed)
		c := out.Config
		c.Rand = rng
		var hooks []func(neuron.Event) error
		if o.History > 0 {
			out.History = &neuron.History{Data: p.Data, Loss: s.Loss, Max: o.History}
			out.History.Add(m, 0)
			hooks = append(hooks, out.History.Record)
		}
		if o.Observe != nil {
			if h := o.Observe(seed, m); h != nil {
				hooks = append(hooks, h)
			}
		}
		c.Progress = Chain(hooks...)
		res, err := neuron.Train(ctx, m, p.Data, c)
		out.Result, out.Seed = res, seed
		out.Attempts = append(out.Attempts, Attempt{Seed: seed, Status: res.Status, Iterations: res.Iterations, MaxLoss: res.Table.Max})
		if out.History != nil {
			out.History.Add(m, res.Iterations)
		}
		if o.StopAt > 0 && res.Status == neuron.IterationLimit && res.Iterations == o.StopAt && o.StopAt != s.MaxIter {
			out.Paused = true
		}
		if err != nil || res.Status == neuron.GoalMet || out.Paused || attempt >= restarts {
			return out, err
		}
		if o.Restarted != nil {
			o.Restarted(out.Attempts[len(out.Attempts)-1], seed+1)
		}
		seed++
	}
}

// Chain returns one neuron.Config.Progress that calls each hook in turn,
// or nil when there are none, so that training pays nothing for no
// observers.
func Chain(hooks ...func(neuron.Event) error) func(neuron.Event) error {
	switch len(hooks) {
	case 0:
		return nil
	case 1:
		return hooks[0]
	}
	return func(e neuron.Event) error {
		for _, h := range hooks {
			if err := h(e); err != nil {
				return err
			}
		}
		return nil
	}
}
