// Package run describes one training run on a boolean function, a Setup,
// and carries it out: it turns the setup into a data set, a model and a
// neuron.Config, and trains, with restarts, a loss history and observers.
//
// The command's flags, the web page's URL query, the JSON API and a saved
// model's record of how it was trained are four encodings of one Setup
// (flags.go, encode.go), so a link, a command line and a model file can
// each reproduce the others. Every front end trains through Problem.Train.
package run

import (
	"errors"
	"fmt"
	"math"

	"github.com/neuronlab/neuron"
)

// A Setup is everything that decides a training run: the same setup
// gives the same run, bit for bit.
type Setup struct {
	// Func is the boolean function: a name (and, xor, ...), a family
	// (and3, parity4), a truth table (0001), an expression ('a & !b') or,
	// where Limits allow files, a table file.
	Func string `json:"func"`
	// Hidden is the number of hidden neurons of a two-layer network; 0
	// trains one neuron.
	Hidden int `json:"hidden"`
	// Rate is the learning rate.
	Rate float64 `json:"rate"`
	// Goal is the loss goal; 0 means neuron.DefaultGoal(Stop, Loss).
	Goal float64 `json:"goal"`
	// Stop is the stop rule.
	Stop neuron.Stop `json:"stop"`
	// Loss is the loss minimized.
	Loss neuron.Loss `json:"loss"`
	// MaxIter caps the iterations of each attempt; 0 means no cap.
	MaxIter int `json:"max_iter"`
	// Seed seeds the random source that draws the starting weights (unless
	// Start gives them) and the rows.
	Seed uint64 `json:"seed"`
	// Restarts is how many times a run that stalls or reaches the cap is
	// tried again, with seeds Seed+1, Seed+2, ...
	Restarts int `json:"restarts"`
	// Stall is the stall window (neuron.Config.StallWindow); AutoStall
	// means DefaultStall for a network and off for one neuron.
	Stall int `json:"stall"`
	// Force trains one neuron even on a function it cannot learn.
	Force bool `json:"force"`
	// Start, if not empty, gives the starting weights and biases in the
	// model's flat layout (neuron.Params) instead of drawing them.
	Start []float64 `json:"start,omitempty"`
	// Data, if not nil, trains on a table of the user's own data instead
	// of the boolean function Func (which is then empty).
	Data *DataSetup `json:"data,omitempty"`
}

// Defaults used by Default.
const (
	DefaultFunc    = "and"
	DefaultMaxIter = neuron.DefaultMaxIter
	DefaultSeed    = 1
	// DefaultStall is the stall window of a two-layer network: runs that
	// cannot escape a local minimum stop after this many iterations
	// without a 1% fall of the mean loss.
	DefaultStall = 500_000
	// AutoStall, as Setup.Stall, means DefaultStall for a network and no
	// stall detection for one neuron.
	AutoStall = -1
)

// Default returns the setup of 'neuron train and': one neuron, learning
// rate 0.5, squared error, every row's loss at most 0.001, seed 1.
func Default() Setup {
	return Setup{
		Func:    DefaultFunc,
		Rate:    neuron.DefaultRate,
		Stop:    neuron.StopMax,
		MaxIter: DefaultMaxIter,
		Seed:    DefaultSeed,
		Stall:   AutoStall,
	}
}

// Limits bound what a setup may ask for. The command allows much; a
// server shared by a class allows less.
type Limits struct {
	Files     bool // Func may name a table file
	FuncLen   int  // longest Func, in bytes; 0: no limit
	Inputs    int  // most inputs of the function; 0: boolfn.MaxInputs
	Hidden    int  // most hidden neurons
	MaxIter   int  // largest iteration cap; 0: no limit, and MaxIter 0 (no cap) allowed
	Restarts  int  // most restarts
	StartSize int  // most starting weights; 0: as many as the model has
}

// CommandLimits are the limits of the neuron command.
var CommandLimits = Limits{Files: true, Hidden: 1024, Restarts: 1000}

// GoalFor returns the goal s trains to: s.Goal, or the default goal of
// its stop rule and loss.
func (s *Setup) GoalFor() float64 {
	if s.Goal == 0 {
		return neuron.DefaultGoal(s.Stop, s.Loss)
	}
	return s.Goal
}

// StallFor returns the stall window s trains with.
func (s *Setup) StallFor() int {
	switch {
	case s.Stall != AutoStall:
		return s.Stall
	case s.Hidden > 0 && s.Data == nil:
		// On data no model fits exactly, so a loss that stops falling
		// has converged rather than stalled: off unless asked.
		return DefaultStall
	}
	return 0
}

// Check reports the first thing wrong with s under the limits, in words
// that name the setting: "learning rate must be a positive number".
func (s *Setup) Check(lim Limits) error {
	if s.Data != nil {
		if !lim.Files {
			return errors.New("data files cannot be used here")
		}
		if s.Func != "" {
			return fmt.Errorf("give a function (%s) or a data file (--csv %s), not both", Short(s.Func), Short(s.Data.CSV))
		}
		if s.Restarts > 0 {
			return errors.New("--restarts applies to boolean functions, not to data files")
		}
		if err := s.Data.check(); err != nil {
			return err
		}
		if s.Data.Stream && s.Stop != neuron.StopNone {
			return fmt.Errorf("--stream trains for --epochs passes over the file, with no loss goal; --stop %v does not apply", s.Stop)
		}
	}
	switch {
	case s.Func == "" && s.Data == nil:
		return errors.New("no function given")
	case lim.FuncLen > 0 && len(s.Func) > lim.FuncLen:
		return fmt.Errorf("function is %d characters long, at most %d allowed", len(s.Func), lim.FuncLen)
	case !(s.Rate > 0) || math.IsInf(s.Rate, 0):
		return fmt.Errorf("learning rate must be a positive number, not %v", s.Rate)
	case !(s.Goal >= 0) || math.IsInf(s.Goal, 0):
		return fmt.Errorf("loss goal must be a positive number, not %v", s.Goal)
	case s.Stop < neuron.StopRow || s.Stop > neuron.StopNone:
		return fmt.Errorf("unknown stop rule %v (want max, mean, row or none)", s.Stop)
	case s.Loss < neuron.SquaredError || s.Loss > neuron.CrossEntropy:
		return fmt.Errorf("unknown loss %v (want squared or cross-entropy)", s.Loss)
	case s.Hidden < 0 || s.Hidden > lim.Hidden:
		return fmt.Errorf("hidden neurons must be 0 (one neuron) to %d, not %d", lim.Hidden, s.Hidden)
	case s.MaxIter < 0:
		return fmt.Errorf("iteration cap must not be negative, not %d", s.MaxIter)
	case lim.MaxIter > 0 && (s.MaxIter == 0 || s.MaxIter > lim.MaxIter):
		return fmt.Errorf("iteration cap must be 1 to %d here, not %d", lim.MaxIter, s.MaxIter)
	case s.Restarts < 0 || s.Restarts > lim.Restarts:
		return fmt.Errorf("restarts must be 0 to %d, not %d", lim.Restarts, s.Restarts)
	case s.Stall < AutoStall:
		return fmt.Errorf("stall window must not be negative, not %d", s.Stall)
	case lim.StartSize > 0 && len(s.Start) > lim.StartSize:
		return fmt.Errorf("%d starting weights given, at most %d allowed", len(s.Start), lim.StartSize)
	}
	for _, v := range s.Start {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("a starting weight is not a finite number")
		}
	}
	return nil
}

// Config returns the training configuration of s, without its random
// source and hooks.
func (s *Setup) Config() neuron.Config {
	c := neuron.Config{Rate: s.Rate, Goal: s.GoalFor(), Stop: s.Stop, Loss: s.Loss, MaxIter: s.MaxIter, StallWindow: s.StallFor()}
	if c.MaxIter == 0 {
		c.MaxIter = neuron.NoLimit
	}
	return c
}

// Model describes the model of s in words: "one neuron" or "a two-layer
// network (2 hidden neurons)".
func (s *Setup) Model() string {
	switch s.Hidden {
	case 0:
		return "one neuron"
	case 1:
		return "a two-layer network (1 hidden neuron)"
	}
	return fmt.Sprintf("a two-layer network (%d hidden neurons)", s.Hidden)
}
