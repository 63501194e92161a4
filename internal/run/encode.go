package run

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/neuronlab/neuron"
)

// The encodings of a Setup: a URL query, a command line, JSON and a saved
// model's info. Each reads back to the same setup (encode_test.go).

// Query keys are the flag names, and "func" for the function.
const QueryFunc = "func"

// Query returns s as URL query values, for a link to the same setup.
// Every setting is written, so that a link keeps its meaning even if a
// later version changes a default.
func (s *Setup) Query() url.Values {
	v := url.Values{}
	v.Set(QueryFunc, s.Func)
	v.Set(FlagHidden, strconv.Itoa(s.Hidden))
	v.Set(FlagRate, FormatNumber(s.Rate))
	v.Set(FlagLoss, s.Loss.String())
	v.Set(FlagStop, s.Stop.String())
	v.Set(FlagGoal, goalValue{&s.Goal}.String())
	v.Set(FlagMaxIter, strconv.Itoa(s.MaxIter))
	v.Set(FlagStall, stallValue{&s.Stall}.String())
	v.Set(FlagRestarts, strconv.Itoa(s.Restarts))
	v.Set(FlagSeed, strconv.FormatUint(s.Seed, 10))
	if len(s.Start) > 0 {
		v.Set(FlagStart, startValue{&s.Start}.String())
	}
	if s.Force {
		v.Set(FlagForce, "true")
	}
	return v
}

// ParseQuery reads a setup from URL query values: each key present sets
// that setting of base, exactly as its flag would. Keys that are not
// settings are an error unless listed in other, which the caller reads.
func ParseQuery(v url.Values, base Setup, other ...string) (Setup, error) {
	s := base
	fs := newFlagSet(&s)
	for key, vals := range v {
		if len(vals) != 1 {
			return s, fmt.Errorf("%q is given %d times, want once", Short(key), len(vals))
		}
		if key == QueryFunc {
			s.Func = vals[0]
			continue
		}
		if contains(other, key) {
			continue
		}
		f := fs.Lookup(key)
		if f == nil {
			return s, fmt.Errorf("unknown setting %q (want %s)", Short(key), strings.Join(queryKeys(fs), ", "))
		}
		if err := f.Value.Set(vals[0]); err != nil {
			return s, fmt.Errorf("%s %q: %v", key, Short(vals[0]), err)
		}
	}
	return s, nil
}

// newFlagSet returns the setup's flags bound to s, for reading values.
func newFlagSet(s *Setup) *pflag.FlagSet {
	fs := pflag.NewFlagSet("setup", pflag.ContinueOnError)
	AddFlags(fs, s)
	return fs
}

func queryKeys(fs *pflag.FlagSet) []string {
	keys := []string{QueryFunc}
	fs.VisitAll(func(f *pflag.Flag) { keys = append(keys, f.Name) })
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Args returns the command line that trains s: 'neuron train FUNC' and
// each flag whose value differs from Default's, the function quoted for
// a POSIX shell where needed.
func (s *Setup) Args() string {
	var b strings.Builder
	b.WriteString("neuron train " + ShellQuote(s.Func))
	def := Default()
	mine, theirs := s.Query(), def.Query()
	fs := newFlagSet(&def)
	fs.VisitAll(func(f *pflag.Flag) {
		v := mine.Get(f.Name)
		if v == theirs.Get(f.Name) {
			return
		}
		if f.Name == FlagForce {
			b.WriteString(" --force")
			return
		}
		b.WriteString(" --" + f.Name + " " + ShellQuote(v))
	})
	return b.String()
}

// ShellQuote quotes s for a POSIX shell if it has characters the shell
// would read specially.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/+=:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// DecodeJSON reads a setup from a JSON object: each field present sets
// that setting of base. Unknown fields, trailing data and values of the
// wrong kind are errors, worded for people.
func DecodeJSON(r io.Reader, base Setup) (Setup, error) {
	s := base
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return base, jsonProblem(err)
	}
	if dec.More() {
		return base, errors.New("unexpected data after the JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return base, errors.New("unexpected data after the JSON object")
	}
	return s, nil
}

// jsonProblem words a JSON decoding error for people.
func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("empty request, want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends too soon")
	case errors.As(err, &syn):
		return fmt.Errorf("not valid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		want := map[string]string{"string": "text", "int": "a whole number", "uint64": "a whole number", "float64": "a number", "bool": "true or false"}[typ.Type.Kind().String()]
		if want == "" {
			want = "another kind of value"
		}
		if typ.Field != "" {
			return fmt.Errorf("field %q: a JSON %s, want %s", typ.Field, typ.Value, want)
		}
		return fmt.Errorf("a JSON %s, want an object of settings", typ.Value)
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("unknown setting %s", f)
	}
	// A setting's own check (UnmarshalText) failed: its message is ours.
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return errors.New(msg)
}

// Info returns s as a saved model's record of how it was trained, with
// the outcome's seed, iterations, loss and status.
func (s *Setup) Info(names []string, out *Outcome) *neuron.ModelInfo {
	info := &neuron.ModelInfo{
		Names: names, Data: s.Func, Hidden: s.Hidden, Rate: s.Rate, Goal: s.GoalFor(),
		Stop: s.Stop.String(), LossFunction: s.Loss.String(), Seed: s.Seed, MaxIter: s.MaxIter,
		Stall: s.StallFor(), Restarts: s.Restarts, Start: s.Start,
	}
	if out != nil {
		// The final attempt's seed reproduces the model without restarts.
		info.Seed, info.Restarts = out.Seed, 0
		info.Iterations, info.Loss, info.Status = out.Iterations, out.Loss, out.Status.String()
	}
	return info
}

// FromInfo returns the setup a saved model's info records.
func FromInfo(info *neuron.ModelInfo) (Setup, error) {
	s := Default()
	s.Func, s.Hidden, s.Rate, s.Goal, s.Seed, s.MaxIter, s.Stall, s.Restarts, s.Start =
		info.Data, info.Hidden, info.Rate, info.Goal, info.Seed, info.MaxIter, info.Stall, info.Restarts, info.Start
	if info.Stop != "" {
		if err := s.Stop.UnmarshalText([]byte(info.Stop)); err != nil {
			return s, plain(err)
		}
	}
	if info.LossFunction != "" {
		if err := s.Loss.UnmarshalText([]byte(info.LossFunction)); err != nil {
			return s, plain(err)
		}
	}
	if info.Table != nil {
		d, err := fromTableInfo(info)
		if err != nil {
			return s, err
		}
		s.Func, s.Data = "", d
	}
	return s, nil
}
