package neuron

import (
	"fmt"
)

// Stop is a rule that says when training has reached its goal.
type Stop int

const (
	// StopRow is the original demo's rule: stop as soon as the loss of the
	// row just used, measured before its step, is at most the goal (for a
	// batch, their mean loss). It is cheap, but only that one row is known
	// to fit; the others may not yet.
	StopRow Stop = iota
	// StopMax stops when every row's loss is at most the goal: the whole
	// table is learned to within the goal.
	StopMax
	// StopMean stops when the mean loss over all rows is at most the goal.
	// It suits data that no model fits exactly, where StopMax never holds.
	StopMean
	// StopNone has no goal: training ends at the iteration or epoch cap,
	// by early stopping or on a stall. It suits data sets, where how long
	// to train is decided by epochs and held-out rows, and it costs nothing
	// per iteration.
	StopNone
)

var stopNames = [...]string{StopRow: "row", StopMax: "max", StopMean: "mean", StopNone: "none"}

// String returns the rule's name: "row", "max", "mean" or "none".
func (s Stop) String() string {
	if s >= 0 && int(s) < len(stopNames) {
		return stopNames[s]
	}
	return fmt.Sprintf("Stop(%d)", int(s))
}

// ParseStop returns the rule named s: "row", "max", "mean" or "none".
func ParseStop(s string) (Stop, error) {
	for i, name := range stopNames {
		if s == name {
			return Stop(i), nil
		}
	}
	return 0, fmt.Errorf("neuron: unknown stop rule %q (want row, max, mean or none)", s)
}

// DefaultGoal returns the loss goal used when Config.Goal is zero.
//
// For StopMax and StopMean every output must come within about 0.045 of
// its target: a squared error of 1e-3 (|o−t| ≤ 0.0447) or a cross-entropy
// of 0.046 (−ln(1−0.045) ≈ 0.046). For StopRow it is the original demo's
// 1e-10 for squared error, |o−t| ≤ 1.4e-5, and the same closeness, 1.4e-5,
// for cross-entropy. StopNone has no goal; DefaultGoal gives StopMean's,
// which Result.Loss is then compared with by nothing.
func DefaultGoal(s Stop, l Loss) float64 {
	switch {
	case s == StopRow && l == CrossEntropy:
		return 1.4e-5
	case s == StopRow:
		return 1e-10
	case l == CrossEntropy:
		return 0.046
	}
	return 1e-3
}

// lossBook keeps each row's loss as last seen, when the row was used,
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
	loss      Loss
	goal      float64
	seen      []float64 // each row's loss when last used or measured
	sum       float64   // sum of seen
	above     int       // rows whose seen loss exceeds goal
	nextExact int       // first iteration at which the next exact measure may run
}

func newLossBook(m Model, d *Dataset, l Loss, goal float64) *lossBook {
	b := &lossBook{m: m, d: d, loss: l, goal: goal, seen: make([]float64, d.Len())}
	b.measure(0)
	return b
}

// measure sets every row's seen loss from the current model.
func (b *lossBook) measure(it int) {
	b.sum, b.above = 0, 0
	for i := range b.seen {
		x, t := b.d.Row(i)
		_, l := b.loss.At(b.m, x, t)
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
