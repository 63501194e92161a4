package neuron

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// A Model is something Train can teach: a *Neuron or a *Net (its
// unexported methods keep the list to these two, which Save and Load know).
type Model interface {
	// Inputs returns the number of inputs.
	Inputs() int
	// Output returns the model's output, in (0, 1), for input x.
	Output(x []float64) float64
	// Step takes one steepest-descent step toward expected output t for
	// input x and returns the loss ½(o−t)² measured before the step.
	Step(x []float64, t, rate float64) (loss float64)

	// params appends every weight and bias to dst and returns it.
	params(dst []float64) []float64
}

// Stop is a rule that says when training has reached its goal.
type Stop int

const (
	// StopRow is the seed's rule: stop as soon as the loss of the row just
	// drawn, measured before its step, is at most the goal. It is cheap,
	// but only that one row is known to fit; the others may not yet.
	StopRow Stop = iota
	// StopMax stops when every row's loss is at most the goal: the whole
	// table is learned to within the goal.
	StopMax
	// StopMean stops when the mean loss over all rows is at most the goal.
	// It suits data that no model fits exactly, where StopMax never holds.
	StopMean
)

var stopNames = [...]string{StopRow: "row", StopMax: "max", StopMean: "mean"}

// String returns the rule's name: "row", "max" or "mean".
func (s Stop) String() string {
	if s >= 0 && int(s) < len(stopNames) {
		return stopNames[s]
	}
	return fmt.Sprintf("Stop(%d)", int(s))
}

// ParseStop returns the rule named s: "row", "max" or "mean".
func ParseStop(s string) (Stop, error) {
	for i, name := range stopNames {
		if s == name {
			return Stop(i), nil
		}
	}
	return 0, fmt.Errorf("neuron: unknown stop rule %q (want row, max or mean)", s)
}

// DefaultGoal returns the loss goal used when Config.Goal is zero: the
// seed's 1e-10 for StopRow, and 1e-3 for StopMax and StopMean, which every
// row must meet at once (a loss of 1e-3 means |o−t| ≤ 0.045).
func DefaultGoal(s Stop) float64 {
	if s == StopRow {
		return 1e-10
	}
	return 1e-3
}

// DefaultRate is the learning rate used when Config.Rate is zero: the seed's.
const DefaultRate = 0.5

// Config says how Train trains. Its zero value, with Rand set, is the
// seed's procedure: learning rate 0.5, loss goal 1e-10, StopRow, no cap.
type Config struct {
	// Rand draws the rows. It must not be nil: every run is seeded, so that
	// it can be repeated bit for bit, e.g. rand.New(rand.NewPCG(seed, 0)).
	Rand *rand.Rand

	// Rate is the learning rate, the size of each step. If zero,
	// DefaultRate (0.5) is used.
	Rate float64

	// Goal is the loss goal. If zero, DefaultGoal(Stop) is used.
	Goal float64

	// Stop is the stop rule; the zero value is the seed's, StopRow.
	Stop Stop

	// MaxIter caps the number of iterations. If zero, there is no cap, as
	// in the seed's program.
	MaxIter int

	// StallWindow, if positive, stops training with Status Stalled when
	// the mean loss over the rows has not reached a new low, lower than the
	// previous low by at least the fraction StallDrop, for StallWindow
	// iterations. A two-layer network caught in a local minimum stalls
	// this way. If zero, stalls are not detected.
	//
	// The mean loss watched is that of each row's loss when the row was
	// last drawn, which costs nothing to keep up to date.
	StallWindow int
	// StallDrop is the relative fall of the mean loss that counts as
	// progress for StallWindow. If zero, 0.01 (1%) is used.
	StallDrop float64

	// Progress, if not nil, is called after every iteration. If it returns
	// an error, training stops and Train returns that error. It must not
	// change the model. When nil it costs nothing.
	Progress func(Event) error
}

// An Event tells Config.Progress about the iteration just done.
type Event struct {
	Iteration int     // iterations done so far, counting this one
	Row       int     // index of the row drawn in this iteration
	Loss      float64 // that row's loss, measured before the step
	Model     Model   // the model after the step; read it, do not change it
}

// Status says why training stopped.
type Status int

const (
	GoalMet        Status = iota + 1 // the stop rule's loss reached the goal
	IterationLimit                   // the iteration cap was reached first
	Stalled                          // the loss stopped falling (see Config.StallWindow)
	Saturated                        // no weight changed in 1024 iterations: see below
	Diverged                         // a weight or the bias overflowed to ±Inf or NaN
	Canceled                         // the context was canceled or Progress returned an error
)

// A model is Saturated when its outputs are so close to 0 or 1 that every
// gradient o(1−o)·... is zero, or too small to change a weight in float64:
// training can make no more progress. A much too large learning rate does
// this in a few steps; so does a goal too small for float64 to reach.

var statusNames = [...]string{
	GoalMet:        "goal met",
	IterationLimit: "iteration cap reached",
	Stalled:        "stalled",
	Saturated:      "saturated",
	Diverged:       "diverged",
	Canceled:       "canceled",
}

// String describes the status in a few words, e.g. "goal met".
func (s Status) String() string {
	if s > 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ErrDiverged is returned, wrapped, when the weights overflow: the
// learning rate is too large.
var ErrDiverged = errors.New("weights overflowed to Inf or NaN")

// Stats measures a model on every row of a data set.
type Stats struct {
	Mean    float64 // mean loss ½(o−t)² over the rows
	Max     float64 // largest row loss
	Correct int     // rows whose output is on the target's side of 0.5
	Rows    int     // number of rows
}

// Accuracy returns the fraction of rows classified correctly.
func (s Stats) Accuracy() float64 {
	if s.Rows == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Rows)
}

// Evaluate measures m on every row of d: its loss and how many rows it
// classifies correctly (output ≥ 0.5 exactly when the target is ≥ 0.5).
func Evaluate(m Model, d *Dataset) Stats {
	s := Stats{Rows: d.Len()}
	var sum float64
	for i := range d.T {
		x, t := d.Row(i)
		o := m.Output(x)
		l := Loss(o, t)
		sum += l
		s.Max = max(s.Max, l)
		if (o >= 0.5) == (t >= 0.5) {
			s.Correct++
		}
	}
	s.Mean = sum / float64(s.Rows)
	return s
}

// Loss returns ½(o−t)², the loss of output o against expected output t.
// The ½ makes its derivative with respect to o simply o−t.
func Loss(o, t float64) float64 {
	e := o - t
	return e * e / 2
}

// Result is the outcome of Train.
type Result struct {
	Model      Model   // the trained model (the one passed to Train)
	Status     Status  // why training stopped
	Iterations int     // iterations done
	Loss       float64 // the loss the stop rule measured last (see Stop)
	Table      Stats   // the model measured on every row after training
}

// Train teaches m the data set d by steepest descent, as the seed does:
// each iteration draws one row uniformly at random (with replacement),
// computes its output and loss, and steps every weight and the bias
// against its gradient (Model.Step). It stops when the stop rule's loss
// reaches the goal, at the iteration cap, on a stall, or when ctx is done.
//
// Train changes m in place and never prints. It returns the result so far
// even with an error: the error is non-nil when the configuration or data
// set is invalid (Result is then zero), when the weights overflow
// (wrapping ErrDiverged), when ctx is done (ctx.Err()), or when
// Config.Progress fails (its error).
func Train(ctx context.Context, m Model, d *Dataset, c Config) (Result, error) {
	if err := c.check(); err != nil {
		return Result{}, err
	}
	if err := d.Validate(); err != nil {
		return Result{}, err
	}
	if m.Inputs() != d.Inputs {
		return Result{}, fmt.Errorf("neuron: model has %d inputs, data set has %d", m.Inputs(), d.Inputs)
	}
	rate, goal := c.Rate, c.Goal
	if rate == 0 {
		rate = DefaultRate
	}
	if goal == 0 {
		goal = DefaultGoal(c.Stop)
	}
	var (
		rng      = c.Rand
		n        = d.Inputs
		rows     = d.Len()
		progress = c.Progress
		done     = ctx.Done()
		book     *lossBook // each row's last loss, for the table rules and stalls
		stall    stallCheck
		status   Status
		err      error
		it       int
		loss     = math.NaN()
	)
	if c.Stop != StopRow || c.StallWindow > 0 {
		book = newLossBook(m, d, goal)
		if c.Stop != StopRow && book.holds(c.Stop) {
			status = GoalMet
		}
		stall = newStallCheck(c.StallWindow, c.StallDrop, book.mean())
	}
	// Housekeeping (the context, overflow, saturation) every checkEvery
	// iterations keeps the loop itself to a few predictable branches.
	const checkEvery = 1024
	nextCheck := checkEvery
	snap, snap2 := m.params(nil), m.params(nil)
	for status == 0 {
		if c.MaxIter > 0 && it >= c.MaxIter {
			status = IterationLimit
			break
		}
		i := rng.IntN(rows)
		loss = m.Step(d.X[i*n:i*n+n:i*n+n], d.T[i], rate)
		it++
		if progress != nil {
			if err = progress(Event{Iteration: it, Row: i, Loss: loss, Model: m}); err != nil {
				status = Canceled
				break
			}
		}
		if book != nil {
			book.observe(i, loss)
		}
		switch {
		case c.Stop == StopRow:
			if loss <= goal { // the seed's rule
				status = GoalMet
			}
		case book.holds(c.Stop) && it >= book.nextExact:
			// The remembered losses meet the goal; measure every row.
			book.measure(it)
			if book.holds(c.Stop) {
				status = GoalMet
			}
		}
		if it == stall.next && status == 0 && stall.stalled(it, book.mean()) {
			status = Stalled
		}
		if it == nextCheck && status == 0 {
			nextCheck += checkEvery
			snap2 = m.params(snap2[:0])
			switch {
			case !finiteAll(snap2):
				status = Diverged
			case slices.Equal(snap, snap2):
				status = Saturated
			}
			snap, snap2 = snap2, snap
			select {
			case <-done:
				status, err = Canceled, ctx.Err()
			default:
			}
		}
	}
	// A non-finite model can look fitted (a bias of +Inf gives output 1),
	// so overflow overrides every other reason to stop.
	if !finiteAll(m.params(snap[:0])) {
		status = Diverged
		err = fmt.Errorf("neuron: %w by iteration %d: learning rate %v is too large", ErrDiverged, it, rate)
	}
	res := Result{Model: m, Status: status, Iterations: it, Table: Evaluate(m, d)}
	switch c.Stop {
	case StopRow:
		res.Loss = loss
	case StopMax:
		res.Loss = res.Table.Max
	case StopMean:
		res.Loss = res.Table.Mean
	}
	return res, err
}

// check reports whether c's fields are usable.
func (c *Config) check() error {
	switch {
	case c.Rand == nil:
		return errors.New("neuron: Config.Rand is nil: seed a source, e.g. rand.New(rand.NewPCG(seed, 0))")
	case !(c.Rate >= 0) || math.IsInf(c.Rate, 0):
		return fmt.Errorf("neuron: learning rate %v must be a positive number", c.Rate)
	case !(c.Goal >= 0) || math.IsInf(c.Goal, 0):
		return fmt.Errorf("neuron: loss goal %v must be a positive number", c.Goal)
	case c.Stop < StopRow || c.Stop > StopMean:
		return fmt.Errorf("neuron: unknown stop rule %v", c.Stop)
	case c.MaxIter < 0:
		return fmt.Errorf("neuron: iteration cap %d must not be negative (0 means no cap)", c.MaxIter)
	case c.StallWindow < 0:
		return fmt.Errorf("neuron: stall window %d must not be negative (0 means off)", c.StallWindow)
	case !(c.StallDrop >= 0 && c.StallDrop < 1):
		return fmt.Errorf("neuron: stall drop %v must be in [0, 1)", c.StallDrop)
	}
	return nil
}

// lossBook keeps each row's loss as last seen, when the row was drawn,
// so that the table rules and the stall check cost O(1) per iteration
// instead of measuring every row every time.
//
// For StopMax and StopMean, once the remembered losses meet the goal,
// Train measures every row with the current weights and stops only if
// that exact measure meets the goal too. Exact measures are at least
// rows iterations apart, so their cost is O(1) per iteration on average
// however large the table.
type lossBook struct {
	m         Model
	d         *Dataset
	goal      float64
	seen      []float64 // each row's loss when last drawn or measured
	sum       float64   // sum of seen
	above     int       // rows whose seen loss exceeds goal
	nextExact int       // first iteration at which the next exact measure may run
}

func newLossBook(m Model, d *Dataset, goal float64) *lossBook {
	b := &lossBook{m: m, d: d, goal: goal, seen: make([]float64, d.Len())}
	b.measure(0)
	return b
}

// measure sets every row's seen loss from the current model.
func (b *lossBook) measure(it int) {
	b.sum, b.above = 0, 0
	for i := range b.seen {
		x, t := b.d.Row(i)
		l := Loss(b.m.Output(x), t)
		b.seen[i] = l
		b.sum += l
		if l > b.goal {
			b.above++
		}
	}
	b.nextExact = it + len(b.seen)
}

// observe records row i's loss.
func (b *lossBook) observe(i int, loss float64) {
	old := b.seen[i]
	b.seen[i] = loss
	b.sum += loss - old
	if old > b.goal {
		b.above--
	}
	if loss > b.goal {
		b.above++
	}
}

func (b *lossBook) mean() float64 { return b.sum / float64(len(b.seen)) }

// holds reports whether the remembered losses meet the goal under rule s.
func (b *lossBook) holds(s Stop) bool {
	if s == StopMax {
		return b.above == 0
	}
	return b.sum <= b.goal*float64(len(b.seen))
}

// stallCheck watches for a stall: no new low of the mean loss, by a
// relative margin, for a window of iterations. It looks every 1/stallLooks
// of the window.
type stallCheck struct {
	window, every int
	drop          float64
	next          int     // iteration of the next look; 0 if off
	best          float64 // the last mean loss that counted as a new low
	bestAt        int     // the iteration at which it was seen
}

const stallLooks = 100

func newStallCheck(window int, drop, mean float64) stallCheck {
	if window <= 0 {
		return stallCheck{}
	}
	if drop == 0 {
		drop = 0.01
	}
	every := max(1, window/stallLooks)
	return stallCheck{window: window, every: every, drop: drop, next: every, best: mean}
}

// stalled looks at the mean loss at iteration it and reports a stall.
func (s *stallCheck) stalled(it int, mean float64) bool {
	s.next += s.every
	if mean < s.best*(1-s.drop) {
		s.best, s.bestAt = mean, it
	}
	return it-s.bestAt >= s.window
}
