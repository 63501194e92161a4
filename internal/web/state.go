package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
)

// historyPoints is the most points of a loss curve a state carries; the
// curve keeps its shape however long the run (neuron.History).
const historyPoints = 400

// A State is what the page shows at one iteration: the frame, the loss
// curve so far, the step worked by hand, and what stays the same while
// the run goes on.
type State struct {
	*Frame
	Setup   run.Setup `json:"setup"`
	Query   string    `json:"query"`   // the page's query for this state: a link to it
	Command string    `json:"command"` // the same run in a terminal: neuron train ...
	Func    funcView  `json:"func"`
	// Table is the truth table: each row's inputs, expected output and
	// whether the picture shows it.
	Table []tableRow `json:"table"`
	// Show holds the inputs on the picture's axes, by index; the second
	// is −1 for a function of one input. Fix holds every input's value
	// where not shown, as 0s and 1s.
	Show [2]int `json:"show"`
	Fix  string `json:"fix"`
	Goal num    `json:"goal"`
	Area area   `json:"area"`
	// History is the loss curve from iteration 0 to Iter.
	History []point `json:"history"`
	// Explain is the step that led to Iter worked by hand, the text of
	// 'neuron train --explain=N' (empty at iteration 0).
	Explain string `json:"explain"`
	// Finished reports that the run ended at Iter: play and step have
	// nothing more to show.
	Finished bool `json:"finished"`
}

// An area is the grid of the heat map: Size nodes a side from Lo to Hi.
type area struct {
	Size int     `json:"size"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
}

// stateAt computes the state of problem p at iteration n: a run stopped
// there, or at its end if that comes first.
func (s *Server) stateAt(ctx context.Context, p *run.Problem, v view, n int) (*State, error) {
	s.training.Add(1)
	defer s.training.Add(-1)
	set := &p.Setup
	st := &State{Setup: *set, Command: set.Args(), Func: newFuncView(p.Func), Show: [2]int{v.x, v.y},
		Goal: num(set.GoalFor()), Area: area{gridSize, areaLo, areaHi}}
	st.Table = make([]tableRow, p.Data.Len())
	for i := range st.Table {
		st.Table[i] = newTableRow(p, v, i)
	}
	fix := make([]byte, len(v.fixed))
	for i, x := range v.fixed {
		fix[i] = '0' + byte(x)
	}
	st.Fix = string(fix)

	if n == 0 {
		m, _ := p.NewModel(set.Seed)
		st.Frame = newFrame(p, v, m, 0)
		describe(st.Frame, statusStart, set, math.NaN())
		st.History = []point{st.Point}
		st.Query = pageQuery(set, p.Func, v, 0).Encode()
		return st, nil
	}

	// The step to explain is step n: keep the model before it.
	var before neuron.Model
	var text strings.Builder
	out, err := p.Train(ctx, run.Options{StopAt: n, History: historyPoints,
		Observe: func(_ uint64, m neuron.Model) func(neuron.Event) error {
			if n == 1 {
				before = neuron.Clone(m)
			}
			return func(e neuron.Event) error {
				switch e.Iteration {
				case n - 1:
					before = neuron.Clone(e.Model)
				case n:
					x, t := p.Data.Row(e.Row)
					explain.Step(&text, p.Data.Names, n, x, t, set.Rate, set.Loss, before, e.Model)
				}
				return nil
			}
		}})
	if err != nil && !errors.Is(err, neuron.ErrDiverged) {
		return nil, s.workError(ctx, err)
	}
	if out.Iterations < n && out.Iterations > 0 {
		// The run ended before n: show its end, and explain its last step.
		return s.stateAt(ctx, p, v, out.Iterations)
	}
	st.Frame = newFrame(p, v, out.Model, out.Iterations)
	describe(st.Frame, outcomeStatus(out), set, out.Loss)
	st.Finished = finished(st.Status)
	st.Explain = text.String()
	for _, pt := range out.History.Points {
		st.History = append(st.History, point{I: pt.Iteration, Mean: num(pt.Mean), Max: num(pt.Max), Rows: nums(pt.Rows)})
	}
	st.Query = pageQuery(set, p.Func, v, out.Iterations).Encode()
	return st, nil
}

// workError words an error of a computation cut short.
func (s *Server) workError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errorf(http.StatusServiceUnavailable, "this took longer than the %v the server gives one answer; ask for fewer iterations", s.opt.WorkTime)
	}
	if ctx.Err() != nil {
		return errorf(http.StatusServiceUnavailable, "the request was canceled")
	}
	return err
}
