package run

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/neuronlab/neuron"
)

// sample is a setup with every setting away from its default.
func sample() Setup {
	return Setup{
		Func: "a & !b | c", Hidden: 3, Rate: 0.25, Goal: 0.002, Stop: neuron.StopMean, Loss: neuron.CrossEntropy,
		MaxIter: 12345, Seed: 1<<63 + 7, Restarts: 2, Stall: 1000, Force: true,
		Start: []float64{1, -2.5, 1e-300, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3},
	}
}

func equal(a, b Setup) bool {
	return a.Func == b.Func && a.Hidden == b.Hidden && a.Rate == b.Rate && a.Goal == b.Goal && a.Stop == b.Stop &&
		a.Loss == b.Loss && a.MaxIter == b.MaxIter && a.Seed == b.Seed && a.Restarts == b.Restarts &&
		a.Stall == b.Stall && a.Force == b.Force && slices.Equal(a.Start, b.Start)
}

// TestQueryRoundTrip: a setup written as a URL query reads back the same,
// and through a real URL's escaping too.
func TestQueryRoundTrip(t *testing.T) {
	for _, s := range []Setup{Default(), sample()} {
		u := "http://127.0.0.1/?" + s.Query().Encode()
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseQuery(parsed.Query(), Default())
		if err != nil || !equal(got, s) {
			t.Errorf("ParseQuery(%q) = %+v, %v; want %+v", u, got, err, s)
		}
	}
}

// TestArgsRoundTrip: the command line Args writes, read by the setup's
// flags, gives the same setup back.
func TestArgsRoundTrip(t *testing.T) {
	for _, s := range []Setup{Default(), sample()} {
		line := s.Args()
		words := shellSplit(t, line)
		if len(words) < 3 || words[0] != "neuron" || words[1] != "train" {
			t.Fatalf("Args() = %q", line)
		}
		got := Default()
		got.Func = words[2]
		fs := pflag.NewFlagSet("train", pflag.ContinueOnError)
		AddFlags(fs, &got)
		if err := fs.Parse(words[3:]); err != nil || !equal(got, s) {
			t.Errorf("Args() = %q reads back as %+v, %v; want %+v", line, got, err, s)
		}
	}
	if d := Default(); d.Args() != "neuron train and" {
		got := d.Args()
		t.Errorf("Default().Args() = %q, want neuron train and", got)
	}
}

// shellSplit splits a line the way a POSIX shell splits single-quoted
// words, enough for what ShellQuote writes.
func shellSplit(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	quoted, any := false, false
	for _, c := range line {
		switch {
		case c == '\'':
			quoted, any = !quoted, true
		case c == ' ' && !quoted:
			if any {
				words = append(words, cur.String())
			}
			cur.Reset()
			any = false
		case c == '\\' && !quoted:
			// only in '\'' sequences; the next ' is literal
		default:
			cur.WriteRune(c)
			any = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", line)
	}
	if any {
		words = append(words, cur.String())
	}
	return words
}

func TestJSONRoundTrip(t *testing.T) {
	s := sample()
	var b strings.Builder
	if err := json.NewEncoder(&b).Encode(s); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeJSON(strings.NewReader(b.String()), Default())
	if err != nil || !equal(got, s) {
		t.Errorf("DecodeJSON(%s) = %+v, %v; want %+v", b.String(), got, err, s)
	}
	if !strings.Contains(b.String(), `"stop":"mean"`) || !strings.Contains(b.String(), `"loss":"cross-entropy"`) {
		t.Errorf("JSON %s does not name the stop rule and loss", b.String())
	}
}

// TestInfoRoundTrip: a saved model's info gives back its setup (Force
// only permits a run, and is not kept).
func TestInfoRoundTrip(t *testing.T) {
	s := sample()
	s.Force = false
	got, err := FromInfo(s.Info([]string{"a", "b", "c"}, nil))
	if err != nil || !equal(got, s) {
		t.Errorf("FromInfo(Info) = %+v, %v; want %+v", got, err, s)
	}
}

// TestBadEncodings: bad values in every encoding are errors that name
// the setting, on one line, in people's words.
func TestBadEncodings(t *testing.T) {
	for q, want := range map[string]string{
		"rate=0":                    "rate",
		"rate=fast":                 "not a number",
		"seed=-1":                   "must not be negative",
		"hidden=1.5":                "not a whole number",
		"stop=sometimes":            "unknown stop rule",
		"loss=hinge":                "unknown loss",
		"bogus=1":                   `unknown setting "bogus"`,
		"rate=1&rate=2":             "given 2 times",
		"start=1,x":                 "item 2",
		"max-iter=1e400":            "too large",
		"seed=99999999999999999999": "too large",
	} {
		v, _ := url.ParseQuery(q)
		_, err := ParseQuery(v, Default())
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseQuery(%q): %v, want an error containing %q", q, err, want)
		}
	}
	for body, want := range map[string]string{
		``:                   "empty",
		`{"rate": "fast"}`:   `field "rate"`,
		`{"rate": 1`:         "ends too soon",
		`{"bogus": 1}`:       `unknown setting "bogus"`,
		`{"stop": "never"}`:  "unknown stop rule",
		`{} {}`:              "after the JSON object",
		`[1]`:                "want an object",
		`{"hidden": 1e3000}`: "",
	} {
		_, err := DecodeJSON(strings.NewReader(body), Default())
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "json:") {
			t.Errorf("DecodeJSON(%q): %v, want an error containing %q", body, err, want)
		}
	}
}

func TestParseNumbersLikeUsers(t *testing.T) {
	for s, want := range map[string]uint64{"010": 10, "10_000": 10000, "10,000,000": 10_000_000, "1e7": 10_000_000, " 42 ": 42, "+3": 3, "18446744073709551615": math.MaxUint64} {
		if got, err := ParseSeed(s); err != nil || got != want {
			t.Errorf("ParseSeed(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-1", "1.5", "0x10", "NaN", "Inf", "1e300", "ten", "18446744073709551616"} {
		if got, err := ParseSeed(s); err == nil {
			t.Errorf("ParseSeed(%q) = %v, want an error", s, got)
		}
	}
	for _, s := range []string{"0x1p-2", "1_0.5", "inf", "nan", ""} {
		if got, err := ParseNumber(s); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", s, got)
		}
	}
}

// TestTrainIsNeuronTrain: a problem trains exactly as neuron.Train does
// with the same seed and configuration.
func TestTrainIsNeuronTrain(t *testing.T) {
	for _, s := range []Setup{
		func() Setup { s := Default(); s.Func = "or"; return s }(),
		func() Setup { s := Default(); s.Func = "xor"; s.Hidden = 2; s.Seed = 3; return s }(),
		func() Setup { s := Default(); s.Func = "and4"; s.Loss = neuron.CrossEntropy; return s }(),
	} {
		p, err := Prepare(s, CommandLimits)
		if err != nil {
			t.Fatal(err)
		}
		out, err := p.Train(context.Background(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		m, rng := p.NewModel(s.Seed)
		c := s.Config()
		c.Rand = rng
		want, err := neuron.Train(context.Background(), m, p.Data, c)
		if err != nil {
			t.Fatal(err)
		}
		if out.Iterations != want.Iterations || out.Status != want.Status || !slices.Equal(neuron.Params(out.Model), neuron.Params(m)) {
			t.Errorf("%s: run gives %v after %d, neuron.Train %v after %d", s.Func, out.Status, out.Iterations, want.Status, want.Iterations)
		}
	}
}

// TestStopAtIsARunStoppedThere: the state at iteration N equals a fresh
// run with cap N, and a run paused before its goal says so.
func TestStopAtIsARunStoppedThere(t *testing.T) {
	s := Default()
	p, err := Prepare(s, CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := p.Train(context.Background(), Options{})
	for _, n := range []int{1, 100, full.Iterations - 1, full.Iterations, full.Iterations + 10} {
		out, err := p.Train(context.Background(), Options{StopAt: n})
		if err != nil {
			t.Fatal(err)
		}
		var seen []float64
		p.Train(context.Background(), Options{Observe: func(_ uint64, m neuron.Model) func(neuron.Event) error {
			return func(e neuron.Event) error {
				if e.Iteration == min(n, full.Iterations) {
					seen = neuron.Params(e.Model)
				}
				return nil
			}
		}})
		wantPaused := n < full.Iterations
		if out.Paused != wantPaused || out.Iterations != min(n, full.Iterations) || !slices.Equal(neuron.Params(out.Model), seen) {
			t.Errorf("StopAt %d: paused %v after %d iterations, weights %v; want paused %v, weights %v",
				n, out.Paused, out.Iterations, neuron.Params(out.Model), wantPaused, seen)
		}
	}
}

func TestRestartsAndStart(t *testing.T) {
	s := Default()
	s.Func, s.Hidden, s.Seed, s.Restarts, s.MaxIter = "xor", 2, 4, 3, 0
	p, err := Prepare(s, CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	var restarts []uint64
	out, err := p.Train(context.Background(), Options{History: 50, Restarted: func(a Attempt, next uint64) { restarts = append(restarts, next) }})
	if err != nil || out.Status != neuron.GoalMet || len(out.Attempts) != len(restarts)+1 || out.Seed != s.Seed+uint64(len(restarts)) {
		t.Fatalf("%v with seed %d after restarts %v, attempts %+v, error %v", out.Status, out.Seed, restarts, out.Attempts, err)
	}
	if h := out.History; h == nil || len(h.Points) > 50 || h.Points[len(h.Points)-1].Iteration != out.Iterations {
		t.Errorf("history %+v does not end at iteration %d", h, out.Iterations)
	}
	// Start: the weights a learner typed, trained from there.
	s = Default()
	s.Start = []float64{3, 3, -4.5}
	p, err = Prepare(s, CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := p.NewModel(s.Seed)
	if got := neuron.Params(m); !slices.Equal(got, s.Start) {
		t.Errorf("model starts at %v, want %v", got, s.Start)
	}
	s.Start = []float64{1, 2}
	if _, err := Prepare(s, CommandLimits); err == nil || !strings.Contains(err.Error(), "2 starting weights given") {
		t.Errorf("2 starting weights for a 2-input neuron: %v", err)
	}
}

func TestPrepareLimits(t *testing.T) {
	web := Limits{FuncLen: 20, Inputs: 4, Hidden: 8, MaxIter: 1000, Restarts: 0}
	for _, c := range []struct {
		s    func(*Setup)
		want string
	}{
		{func(s *Setup) { s.Func = "a & b & c & d & e & f & g" }, "at most 20"},
		{func(s *Setup) { s.Func = "and5" }, "at most 4 allowed"},
		{func(s *Setup) { s.Hidden = 9 }, "hidden neurons must be 0 (one neuron) to 8"},
		{func(s *Setup) { s.MaxIter = 0 }, "iteration cap must be 1 to 1000"},
		{func(s *Setup) { s.Func = "table.csv" }, "table files cannot be used here"},
		{func(s *Setup) { s.Func = "xor" }, "one neuron cannot learn xor"},
	} {
		s := Default()
		s.MaxIter = 1000
		c.s(&s)
		if _, err := Prepare(s, web); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want an error containing %q", s, err, c.want)
		}
	}
}
