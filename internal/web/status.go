package web

import (
	"fmt"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
)

// Statuses of a frame, as the page reads them.
const (
	statusStart     = "start"     // iteration 0, nothing learned yet
	statusPaused    = "paused"    // stopped at the iteration asked for
	statusRunning   = "running"   // a stream's frame
	statusLearned   = "learned"   // the goal was met
	statusCap       = "cap"       // the iteration cap came first
	statusStalled   = "stalled"   // a network's loss stopped falling
	statusSaturated = "saturated" // the outputs are pinned at 0 or 1
	statusDiverged  = "diverged"  // the weights overflowed
)

// finished reports whether a status ends the run: play and step have
// nothing more to show.
func finished(status string) bool {
	switch status {
	case statusLearned, statusCap, statusStalled, statusSaturated, statusDiverged:
		return true
	}
	return false
}

// outcomeStatus names how a run ended, or that it was paused.
func outcomeStatus(out *run.Outcome) string {
	if out.Paused {
		return statusPaused
	}
	switch out.Status {
	case neuron.GoalMet:
		return statusLearned
	case neuron.IterationLimit:
		return statusCap
	case neuron.Stalled:
		return statusStalled
	case neuron.Saturated:
		return statusSaturated
	case neuron.Diverged:
		return statusDiverged
	}
	return statusPaused
}

// ruleLoss names the loss a stop rule watches, and gives its value in a
// frame: the largest row loss, the mean, or the loss of the row just
// drawn (rowLoss).
func ruleLoss(f *Frame, stop neuron.Stop, rowLoss float64) (string, float64) {
	switch stop {
	case neuron.StopMax:
		return "largest row loss", float64(f.Max)
	case neuron.StopMean, neuron.StopNone:
		return "mean loss", float64(f.Mean)
	}
	return "loss of the last row drawn", rowLoss
}

// upper returns s with its first letter capital.
func upper(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// describe sets a frame's status and says it in a sentence. rowLoss is
// the loss of the last row drawn (for the stop rule "row").
func describe(f *Frame, status string, s *run.Setup, rowLoss float64) {
	f.Status = status
	what, v := ruleLoss(f, s.Stop, rowLoss)
	goal, n := explain.Num(s.GoalFor()), explain.Count(f.Iter)
	switch status {
	case statusStart:
		from := fmt.Sprintf("drawn at random from N(0, 1) with seed %d", s.Seed)
		if len(s.Start) > 0 {
			from = "as you set them"
		}
		f.Message = fmt.Sprintf("Iteration 0: the starting weights, %s. Press play (space) or step (→).", from)
	case statusPaused, statusRunning:
		f.Message = fmt.Sprintf("Not learned yet: %s %s > goal %s.", what, explain.Num(v), goal)
		if !(v > s.GoalFor()) {
			// The rule's loss is within the goal, but the run stopped
			// before it looked: the next step decides.
			f.Message = fmt.Sprintf("%s %s, goal %s.", upper(what), explain.Num(v), goal)
		}
	case statusLearned:
		f.Message = fmt.Sprintf("Learned in %s iterations: %s %s ≤ goal %s.", n, what, explain.Num(v), goal)
	case statusCap:
		f.Message = fmt.Sprintf("Not learned: the iteration cap of %s came first; %s %s > goal %s. Raise the cap, or try another learning rate or loss.",
			explain.Count(s.MaxIter), what, explain.Num(v), goal)
	case statusStalled:
		f.Message = fmt.Sprintf("Stalled after %s iterations: the mean loss fell less than 1%% in the last %s, so this start is stuck (%s %s). Try the next seed, or more hidden neurons.",
			n, explain.Count(s.StallFor()), what, explain.Num(v))
	case statusSaturated:
		f.Message = fmt.Sprintf("Saturated after %s iterations: the outputs are pinned at 0 or 1, so every gradient is 0 and the weights stopped changing (%s %s). Try a smaller learning rate than %s.",
			n, what, explain.Num(v), explain.Num(s.Rate))
	case statusDiverged:
		f.Message = fmt.Sprintf("Diverged by iteration %s: the weights overflowed. Try a smaller learning rate than %s.", n, explain.Num(s.Rate))
	}
}
