package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

// Query keys of the page beyond the setup's (run.Setup.Query).
const (
	keyIter  = "iter"  // the iteration shown
	keyFrom  = "from"  // the iteration a stream starts after
	keySpeed = "speed" // a stream's iterations per second, or "max"
	keyShow  = "show"  // the two inputs the pictures show, e.g. a,c
	keyFix   = "fix"   // a 0 or 1 for every input, the value of those not shown, e.g. 0010
)

var viewKeys = []string{keyIter, keyFrom, keySpeed, keyShow, keyFix}

// maxSpeed is the fastest paced speed that may be asked for, in
// iterations per second; faster is "max", as fast as it goes.
const maxSpeed = 1_000_000_000

// A view says which slice of the input space the pictures show: inputs x
// and y vary over the square, the others are held at fixed.
type view struct {
	x, y  int       // y is −1 for a function of one input
	fixed []float64 // one per input; entries x and y are not used
}

// query reads a request's query strictly: a malformed one is an error,
// not a setup with settings silently missing.
func query(r *http.Request) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "the address's query is malformed (a %% not followed by two hex digits, or a ; in it)")
	}
	return q, nil
}

// request reads what /api/state and /api/run are asked: the query, its
// setup made ready, the view, and the iteration given by key (iter or
// from; 0 if absent).
func (s *Server) request(r *http.Request, key string) (url.Values, *run.Problem, view, int, error) {
	q, err := query(r)
	if err != nil {
		return nil, nil, view{}, 0, err
	}
	p, err := s.prepare(q)
	if err != nil {
		return nil, nil, view{}, 0, err
	}
	v, err := parseView(q, p.Func)
	if err != nil {
		return nil, nil, view{}, 0, err
	}
	n, err := count(q, key, 0)
	if err != nil {
		return nil, nil, view{}, 0, err
	}
	return q, p, v, n, nil
}

// prepare reads the setup from a query and prepares it.
func (s *Server) prepare(q url.Values) (*run.Problem, error) {
	setup, err := run.ParseQuery(q, run.Default(), viewKeys...)
	if err != nil {
		return nil, badRequest(err)
	}
	if setup.Restarts > 0 {
		return nil, errorf(http.StatusBadRequest, "restarts %d: the page follows one start; change the seed to try another (POST /api/train takes restarts)", setup.Restarts)
	}
	return s.prepareSetup(setup, q)
}

// prepareSetup checks a setup against the server's limits and prepares
// it. One neuron on a function it cannot learn is answered 422, with why
// (as 'neuron check' says it) and the function's rows, so that the page
// can show them and offer a network instead. q, if not nil, holds the
// view of the page that asked.
func (s *Server) prepareSetup(setup run.Setup, q url.Values) (*run.Problem, error) {
	p, err := run.Prepare(setup, s.opt.Limits)
	var ns *run.NotSeparableError
	if errors.As(err, &ns) {
		v, verr := parseView(q, p.Func)
		if verr != nil {
			return nil, verr
		}
		rows := make([]tableRow, p.Data.Len())
		for i := range rows {
			rows[i] = newTableRow(p, v, i)
		}
		return nil, &apiError{status: http.StatusUnprocessableEntity, msg: plain(err), extra: map[string]any{
			"reason":  "not-separable",
			"message": upper(plain(err)) + ".",
			"explain": p.Sep.Explain(p.Data),
			"hidden":  min(2, s.opt.Limits.Hidden), // a network that can
			"func":    newFuncView(p.Func),
			"table":   rows,
			"setup":   setup,
			"query":   pageQuery(&setup, p.Func, v, 0).Encode(),
			"command": setup.Args(),
		}}
	}
	if err != nil {
		return nil, badRequest(err)
	}
	return p, nil
}

// parseView reads which inputs the pictures show: by default the first
// two, with the others at 0.
func parseView(q url.Values, f *boolfn.Func) (view, error) {
	n := f.Inputs()
	v := view{x: 0, y: 1, fixed: make([]float64, n)}
	if n == 1 {
		v.y = -1
	}
	if s := q.Get(keyShow); s != "" {
		names := strings.Split(s, ",")
		if n < 2 || len(names) != 2 {
			return v, errorf(http.StatusBadRequest, "show %q: want two of the inputs %s, separated by a comma", run.Short(s), strings.Join(f.Vars, ", "))
		}
		var at [2]int
		for i, name := range names {
			at[i] = slices.Index(f.Vars, strings.TrimSpace(name))
			if at[i] < 0 {
				return v, errorf(http.StatusBadRequest, "show %q: no input is named %q (the inputs are %s)", run.Short(s), run.Short(name), strings.Join(f.Vars, ", "))
			}
		}
		v.x, v.y = at[0], at[1]
		if v.x == v.y {
			return v, errorf(http.StatusBadRequest, "show %q: want two different inputs", s)
		}
	}
	if s := q.Get(keyFix); s != "" {
		if len(s) != n || strings.Trim(s, "01") != "" {
			return v, errorf(http.StatusBadRequest, "fix %q: want a 0 or 1 for each of the %d inputs %s, e.g. %s", run.Short(s), n, strings.Join(f.Vars, ", "), strings.Repeat("0", n))
		}
		for i, c := range s {
			v.fixed[i] = float64(c - '0')
		}
	}
	return v, nil
}

// pageQuery returns the page's query for a setup, a view and an
// iteration: a link to exactly what the page shows.
func pageQuery(s *run.Setup, f *boolfn.Func, v view, iter int) url.Values {
	q := s.Query()
	q.Set(keyIter, fmt.Sprint(iter))
	if f.Inputs() > 2 {
		q.Set(keyShow, f.Vars[v.x]+","+f.Vars[v.y])
		fix := make([]byte, len(v.fixed))
		for i, x := range v.fixed {
			fix[i] = '0' + byte(x)
		}
		q.Set(keyFix, string(fix))
	}
	return q
}

// count reads a whole number ≥ 0 from the query, or def if absent.
func count(q url.Values, key string, def int) (int, error) {
	s := q.Get(key)
	if s == "" {
		return def, nil
	}
	n, err := run.ParseCount(s)
	if err != nil {
		return 0, errorf(http.StatusBadRequest, "%s %q: %v", key, run.Short(s), err)
	}
	return n, nil
}

// speed reads a stream's speed: iterations per second, 0 for "max".
func speed(q url.Values) (int, error) {
	s := q.Get(keySpeed)
	switch s {
	case "", "max":
		return 0, nil
	}
	n, err := run.ParseCount(s)
	if err == nil && (n < 1 || n > maxSpeed) {
		err = fmt.Errorf("want 1 to %d iterations a second, or max", maxSpeed)
	}
	if err != nil {
		return 0, errorf(http.StatusBadRequest, "speed %q: %v", run.Short(s), err)
	}
	return n, nil
}
