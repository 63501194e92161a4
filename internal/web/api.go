package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
)

// functions answers GET /api/functions: the 16 named functions of two
// inputs, whether one neuron can learn each, the server's limits and the
// page's speeds.
func (s *Server) functions(w http.ResponseWriter, r *http.Request) error {
	type fn struct {
		Name      string `json:"name"`
		Table     string `json:"table"`
		Separable bool   `json:"separable"`
	}
	var fs []fn
	for _, f := range boolfn.Named() {
		sep, err := boolfn.Separable(f.Dataset())
		if err != nil {
			return err
		}
		fs = append(fs, fn{f.Name, f.TableString(), sep.Separable})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"functions": fs,
		"defaults":  run.Default(),
		"speeds":    Speeds,
		"limits":    s.limits(),
	})
	return nil
}

// limits lists the server's limits by name, for scripts.
func (s *Server) limits() map[string]any {
	l := s.opt.Limits
	return map[string]any{
		"function_length": l.FuncLen, "inputs": l.Inputs, "hidden": l.Hidden, "max_iter": l.MaxIter,
		"restarts": l.Restarts, "body_bytes": s.opt.MaxBody, "streams": s.opt.Streams,
		"stream_seconds": s.opt.StreamTime.Seconds(), "stream_idle_seconds": s.opt.StreamIdle.Seconds(),
		"answers_at_once": cap(s.work), "answer_seconds": s.opt.WorkTime.Seconds(),
	}
}

// check answers GET /api/check?func=F: whether one neuron can learn F,
// decided exactly, and why, in the words of 'neuron check'.
func (s *Server) check(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	setup := run.Default()
	setup.Func, setup.Force = q.Get("func"), true // Force: a function one neuron cannot learn is an answer here
	p, err := run.Prepare(setup, s.opt.Limits)
	if err != nil {
		return badRequest(err)
	}
	ans := map[string]any{
		"func":      newFuncView(p.Func),
		"separable": p.Sep.Separable,
		"summary":   p.Sep.Summary(p.Data),
		"explain":   p.Sep.Explain(p.Data),
	}
	if p.Sep.Separable {
		ans["weights"], ans["bias"] = p.Sep.W, p.Sep.B
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

// state answers GET /api/state?<setup>&iter=N: the state at iteration N.
func (s *Server) state(w http.ResponseWriter, r *http.Request) error {
	_, p, v, n, err := s.request(r, keyIter)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.WorkTime)
	defer cancel()
	var st *State
	if werr := s.compute(ctx, func() { st, err = s.stateAt(ctx, p, v, n) }); werr != nil {
		return s.workError(ctx, werr)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

// A trainResult is a whole run, the numbers 'neuron train' prints.
type trainResult struct {
	Func       string       `json:"func"`
	Model      string       `json:"model"`
	Status     string       `json:"status"`  // learned, cap, stalled, saturated, diverged
	Message    string       `json:"message"` // the status in a sentence
	Iterations int          `json:"iterations"`
	Seed       uint64       `json:"seed"` // the final attempt's
	Attempts   []attempt    `json:"attempts"`
	Goal       num          `json:"goal"`
	Params     []num        `json:"params"`
	Neurons    []neuronView `json:"neurons"`
	Table      []tableRow   `json:"table"`
	Out        []num        `json:"out"`
	Loss       []num        `json:"loss"`
	Wrong      []int        `json:"wrong"`
	Correct    int          `json:"correct"`
	Max        num          `json:"max"`
	Mean       num          `json:"mean"`
	Setup      run.Setup    `json:"setup"`
	Command    string       `json:"command"`
}

// An attempt is one try of a run with restarts: its seed and how it ended.
type attempt struct {
	Seed       uint64 `json:"seed"`
	Status     string `json:"status"` // neuron.Status in words: goal met, stalled, ...
	Iterations int    `json:"iterations"`
	MaxLoss    num    `json:"max_loss"` // the largest row loss at its end
}

// train answers POST /api/train with a setup as JSON (the fields of
// run.Setup; those left out take the defaults of 'neuron train'): the
// whole run, restarts included.
func (s *Server) train(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errorf(http.StatusRequestEntityTooLarge, "the request is larger than the %s bytes allowed", explain.Count(int(s.opt.MaxBody)))
	case err != nil:
		return errorf(http.StatusBadRequest, "the request could not be read")
	}
	setup, err := run.DecodeJSON(bytes.NewReader(body), run.Default())
	if err != nil {
		return badRequest(err)
	}
	p, err := s.prepareSetup(setup, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.WorkTime)
	defer cancel()
	var out *run.Outcome
	if werr := s.compute(ctx, func() {
		s.training.Add(1)
		out, err = p.Train(ctx, run.Options{})
		s.training.Add(-1)
	}); werr != nil {
		return s.workError(ctx, werr)
	}
	if err != nil && !errors.Is(err, neuron.ErrDiverged) {
		return s.workError(ctx, err)
	}
	f := measure(p, out.Model, out.Iterations)
	describe(f, outcomeStatus(out), &p.Setup, out.Loss)
	res := trainResult{
		Func: p.Func.Name, Model: p.Setup.Model(), Status: f.Status, Message: f.Message,
		Iterations: out.Iterations, Seed: out.Seed, Goal: num(p.Setup.GoalFor()),
		Params: f.Params, Neurons: f.Neurons, Out: f.Out, Loss: f.Loss, Wrong: f.Wrong, Correct: f.Correct, Max: f.Max, Mean: f.Mean,
		Setup: p.Setup, Command: p.Setup.Args(),
	}
	for _, a := range out.Attempts {
		res.Attempts = append(res.Attempts, attempt{a.Seed, a.Status.String(), a.Iterations, num(a.MaxLoss)})
	}
	v, _ := parseView(nil, p.Func) // any view: the table's inputs and outputs do not depend on it
	for i := range p.Data.Len() {
		res.Table = append(res.Table, newTableRow(p, v, i))
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}
