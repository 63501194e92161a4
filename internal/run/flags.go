package run

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/neuronlab/neuron"
)

// Flag values that read numbers with this package's parsers. Their Type
// is the word the help shows after the flag: --rate number.

// CountValue is a flag holding a whole number ≥ 0.
type CountValue struct{ P *int }

func (v CountValue) String() string {
	if v.P == nil {
		return "0"
	}
	return strconv.Itoa(*v.P)
}
func (v CountValue) Type() string { return "count" }
func (v CountValue) Set(s string) error {
	n, err := ParseCount(s)
	if err != nil {
		return err
	}
	*v.P = n
	return nil
}

// NumberValue is a flag holding a number.
type NumberValue struct{ P *float64 }

func (v NumberValue) String() string {
	if v.P == nil {
		return "0"
	}
	return FormatNumber(*v.P)
}
func (v NumberValue) Type() string { return "number" }
func (v NumberValue) Set(s string) error {
	x, err := ParseNumber(s)
	if err != nil {
		return err
	}
	*v.P = x
	return nil
}

// positiveValue is a flag holding a positive number.
type positiveValue struct{ NumberValue }

func (v positiveValue) Set(s string) error {
	x, err := ParseNumber(s)
	if err == nil && !(x > 0) {
		err = fmt.Errorf("must be a positive number")
	}
	if err != nil {
		return err
	}
	*v.P = x
	return nil
}

// SeedValue is a flag holding a random seed.
type SeedValue struct{ P *uint64 }

func (v SeedValue) String() string {
	if v.P == nil {
		return "0"
	}
	return strconv.FormatUint(*v.P, 10)
}
func (v SeedValue) Type() string { return "seed" }
func (v SeedValue) Set(s string) error {
	n, err := ParseSeed(s)
	if err != nil {
		return err
	}
	*v.P = n
	return nil
}

// goalValue is --goal: a number, where 0 (shown as "auto") means the
// default goal of the stop rule and loss.
type goalValue struct{ p *float64 }

func (v goalValue) String() string {
	if *v.p == 0 {
		return "auto"
	}
	return FormatNumber(*v.p)
}
func (v goalValue) Type() string { return "number" }
func (v goalValue) Set(s string) error {
	if strings.TrimSpace(s) == "auto" {
		*v.p = 0
		return nil
	}
	return positiveValue{NumberValue{v.p}}.Set(s)
}

// stallValue is --stall: a count, or "auto".
type stallValue struct{ p *int }

func (v stallValue) String() string {
	if *v.p == AutoStall {
		return "auto"
	}
	return strconv.Itoa(*v.p)
}
func (v stallValue) Type() string { return "count" }
func (v stallValue) Set(s string) error {
	if strings.TrimSpace(s) == "auto" {
		*v.p = AutoStall
		return nil
	}
	return CountValue{v.p}.Set(s)
}

// textValue is a flag for a type that reads and writes itself as text
// (neuron.Stop, neuron.Loss): --stop max.
type textValue[T any, P interface {
	*T
	MarshalText() ([]byte, error)
	UnmarshalText([]byte) error
}] struct {
	p    P
	kind string
}

func (v textValue[T, P]) String() string {
	b, _ := v.p.MarshalText()
	return string(b)
}
func (v textValue[T, P]) Type() string { return v.kind }
func (v textValue[T, P]) Set(s string) error {
	if err := v.p.UnmarshalText([]byte(strings.TrimSpace(s))); err != nil {
		return plain(err)
	}
	return nil
}

// LossValue returns a flag value holding a loss, read by name as
// --loss reads it, for commands that take the loss without the rest of
// a setup's flags.
func LossValue(p *neuron.Loss) pflag.Value { return textValue[neuron.Loss, *neuron.Loss]{p, "loss"} }

// startValue is --start: weights and biases separated by commas.
type startValue struct{ p *[]float64 }

func (v startValue) String() string {
	parts := make([]string, len(*v.p))
	for i, x := range *v.p {
		parts[i] = FormatNumber(x)
	}
	return strings.Join(parts, ",")
}
func (v startValue) Type() string { return "weights" }
func (v startValue) Set(s string) error {
	w, err := ParseNumbers(s)
	if err != nil {
		return err
	}
	*v.p = w
	return nil
}

// Flag names of the setup, shared by every command that trains.
const (
	FlagRate     = "rate"
	FlagGoal     = "goal"
	FlagStop     = "stop"
	FlagLoss     = "loss"
	FlagMaxIter  = "max-iter"
	FlagSeed     = "seed"
	FlagHidden   = "hidden"
	FlagRestarts = "restarts"
	FlagStall    = "stall"
	FlagForce    = "force"
	FlagStart    = "start"
)

// AddFlags defines the flags of s's settings (all but Func, which is an
// argument) on fs, with s's current values as defaults. The help groups
// them: model, learning, stopping, randomness.
func AddFlags(fs *pflag.FlagSet, s *Setup) {
	fs.VarP(CountValue{&s.Hidden}, FlagHidden, "H", "hidden neurons: train a two-layer network with this many (0: one neuron)")
	fs.VarP(positiveValue{NumberValue{&s.Rate}}, FlagRate, "r", "learning rate: the size of each step (> 0)")
	fs.Var(textValue[neuron.Loss, *neuron.Loss]{&s.Loss, "loss"}, FlagLoss, "loss minimized: squared (½(o−t)², the original demo's) or cross-entropy")
	fs.Var(textValue[neuron.Stop, *neuron.Stop]{&s.Stop, "rule"}, FlagStop, "stop rule: max (every row within the goal), mean (the mean loss), row (the row just drawn, the original demo's rule), or none (no goal: train to the cap; the default with --csv)")
	fs.VarP(goalValue{&s.Goal}, FlagGoal, "g", "loss goal (> 0); auto: 0.001 for squared error and 0.046 for cross-entropy (every output within 0.045 of its target), 1e-10 and 1.4e-5 with --stop row")
	fs.VarP(CountValue{&s.MaxIter}, FlagMaxIter, "n", "iteration cap; 0 means no cap")
	fs.Var(stallValue{&s.Stall}, FlagStall, fmt.Sprintf("stop as stalled after this many iterations without a 1%% fall of the mean loss; 0 is off, auto is %d for a network and off for one neuron", DefaultStall))
	fs.Var(CountValue{&s.Restarts}, FlagRestarts, "if a run stalls or reaches the cap, try again this many times with seeds seed+1, seed+2, ...")
	fs.VarP(SeedValue{&s.Seed}, FlagSeed, "s", "random seed: the same seed repeats the run bit for bit")
	fs.Var(startValue{&s.Start}, FlagStart, "start from these weights and biases instead of random ones, e.g. 1,1,-1.5 for w1,w2,b (a network: each hidden neuron's weights, the hidden biases, the output weights, the output bias)")
	fs.BoolVar(&s.Force, FlagForce, false, "train one neuron even when it cannot learn the function")
	fs.SortFlags = false
}

// plain drops a package prefix ("neuron: ") from an error.
func plain(err error) error {
	s := err.Error()
	if prefix, rest, ok := strings.Cut(s, ": "); ok && !strings.Contains(prefix, " ") {
		return errors.New(rest)
	}
	return err
}
