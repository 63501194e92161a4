package run

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/csvdata"
)

// A Problem is a Setup made ready to train: its function read, its data
// set built and, for one neuron, whether it can learn the function.
type Problem struct {
	Setup Setup
	Func  *boolfn.Func    // the function; nil for a data file
	Table *csvdata.Table  // the data file's table; nil for a function
	Data  *neuron.Dataset // the rows: Func's truth table or Table's data
	// Sep says whether one neuron can learn Func, and why (nil for a
	// two-layer network, which needs no such check).
	Sep *boolfn.Separation
}

// NotSeparableError is returned by Prepare when one neuron cannot learn
// the function and the setup does not force it.
type NotSeparableError struct {
	Func    string // the function's name
	Summary string // why not, in one line (boolfn.Separation.Summary)
}

func (e *NotSeparableError) Error() string {
	return fmt.Sprintf("one neuron cannot learn %s: %s", e.Func, e.Summary)
}

// Prepare checks s against the limits, reads its function, builds the
// data set and, for one neuron, decides whether it can learn it: if not,
// and s.Force is false, it returns a *NotSeparableError (with the Problem,
// so that a caller can still show the function).
func Prepare(s Setup, lim Limits) (*Problem, error) {
	return PrepareContext(context.Background(), s, lim)
}

// PrepareContext is Prepare, giving up with ctx's error when ctx is done
// while it reads a file (see Open).
func PrepareContext(ctx context.Context, s Setup, lim Limits) (*Problem, error) {
	if err := s.Check(lim); err != nil {
		return nil, err
	}
	if s.Data != nil {
		return prepareData(ctx, s)
	}
	f, err := LoadFunc(ctx, s.Func, lim.Files)
	if err != nil {
		return nil, err
	}
	maxIn := lim.Inputs
	if maxIn == 0 {
		maxIn = boolfn.MaxInputs
	}
	if f.Inputs() > maxIn {
		return nil, fmt.Errorf("%s has %d inputs, at most %d allowed here", f.Name, f.Inputs(), maxIn)
	}
	p := &Problem{Setup: s, Func: f, Data: f.Dataset()}
	if want := p.ParamCount(); len(s.Start) != 0 && len(s.Start) != want {
		return nil, fmt.Errorf("%d starting weights given, %s with %d inputs has %d (weights then bias%s)",
			len(s.Start), s.Model(), f.Inputs(), want, map[bool]string{true: ", hidden neurons first", false: ""}[s.Hidden > 0])
	}
	if s.Hidden == 0 {
		if p.Sep, err = boolfn.Separable(p.Data); err != nil {
			return nil, err
		}
		if !p.Sep.Separable && !s.Force {
			return p, &NotSeparableError{Func: f.Name, Summary: p.Sep.Summary(p.Data)}
		}
	}
	return p, nil
}

// prepareData reads a setup's data file (all of it, unless it streams).
func prepareData(ctx context.Context, s Setup) (*Problem, error) {
	p := &Problem{Setup: s}
	if s.Data.Stream {
		return p, nil
	}
	t, err := s.Data.readTable(ctx)
	if err != nil {
		return nil, err
	}
	p.Table, p.Data = t, t.Data
	if want := p.ParamCount(); len(s.Start) != 0 && len(s.Start) != want {
		return nil, fmt.Errorf("%d starting weights given, %s with %d inputs has %d", len(s.Start), s.Model(), p.Data.Inputs, want)
	}
	return p, nil
}

// LoadFunc reads a function: a table file if files are allowed and arg
// names one (a path ending in .csv, .tsv or .txt), else a name, table or
// expression (boolfn.Parse). It gives up with ctx's error when ctx is
// done while it reads the file (see Open).
func LoadFunc(ctx context.Context, arg string, files bool) (*boolfn.Func, error) {
	if IsTableFile(arg) {
		if !files {
			return nil, fmt.Errorf("function %q: table files cannot be used here; give a name, table or expression", arg)
		}
		file, err := Open(ctx, arg)
		if err != nil {
			return nil, fmt.Errorf("table file %s: %w", arg, pathProblem(err))
		}
		defer file.Close()
		f, err := boolfn.ReadTable(file, arg)
		return f, file.Err(err)
	}
	return boolfn.Parse(arg)
}

// IsTableFile reports whether a function argument names a table file.
func IsTableFile(arg string) bool {
	ext := strings.ToLower(arg)
	return strings.HasSuffix(ext, ".csv") || strings.HasSuffix(ext, ".tsv") || strings.HasSuffix(ext, ".txt")
}

// pathProblem words a file error without repeating the path.
func pathProblem(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, os.ErrNotExist):
			return errors.New("no such file")
		case errors.Is(pe.Err, os.ErrPermission):
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}

// ParamCount returns the number of weights and biases of the problem's
// model, the length of Setup.Start.
func (p *Problem) ParamCount() int {
	n, h := p.Data.Inputs, p.Setup.Hidden
	if h == 0 {
		return n + 1
	}
	return h*n + h + h + 1
}

// NewModel returns the model an attempt with the given seed starts from,
// and the random source that attempt trains with: the weights are drawn
// from N(0, 1) by the source (neuron.NewRandom, neuron.NewNetRandom), or
// set from Setup.Start, whose draws are then not made.
func (p *Problem) NewModel(seed uint64) (neuron.Model, *rand.Rand) {
	rng := rand.New(rand.NewPCG(seed, 0))
	n, h := p.Data.Inputs, p.Setup.Hidden
	var m neuron.Model
	switch {
	case len(p.Setup.Start) > 0 && h == 0:
		m = neuron.New(n)
	case len(p.Setup.Start) > 0:
		m = neuron.NewNet(n, h)
	case h == 0:
		return neuron.NewRandom(n, rng), rng
	default:
		return neuron.NewNetRandom(n, h, rng), rng
	}
	if err := neuron.SetParams(m, p.Setup.Start); err != nil {
		panic("run: " + err.Error()) // Prepare checked the length and values
	}
	return m, rng
}

// FlatSpot reports whether squared-error training of m is stuck on the
// flat spot of the sigmoid: some row's output is on the wrong side of 0.5
// and so close to 0 or 1 that o·(1−o), and with it the gradient
// (o−t)·o·(1−o), is tiny however wrong the output is. Cross-entropy has
// no such spot, so FlatSpot is false for it; and so it is for a function
// one neuron cannot learn, where no loss would help.
func (p *Problem) FlatSpot(m neuron.Model) bool {
	const flat = 0.01 // o·(1−o) below this: o within about 0.01 of 0 or 1
	if p.Setup.Loss != neuron.SquaredError || (p.Sep != nil && !p.Sep.Separable) {
		return false
	}
	for i := range p.Data.Len() {
		x, t := p.Data.Row(i)
		o := m.Output(x)
		if (o >= 0.5) != (t >= 0.5) && o*(1-o) < flat {
			return true
		}
	}
	return false
}
