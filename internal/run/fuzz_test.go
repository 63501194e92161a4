package run

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// fuzzLimits are a server's limits, so that a fuzzed setup trains
// quickly or is refused.
var fuzzLimits = Limits{FuncLen: 200, Inputs: 6, Hidden: 8, MaxIter: 2000, Restarts: 2}

// checkFuzzed checks what every encoding must do with any input: an
// error is one line; a setup read is either refused by Prepare with one
// line, or trains without panicking.
func checkFuzzed(t *testing.T, s Setup, err error) {
	t.Helper()
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of several lines: %q", err)
		}
		return
	}
	p, err := Prepare(s, fuzzLimits)
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("Prepare: error of several lines: %q", err)
		}
		return
	}
	if _, err := p.Train(context.Background(), Options{History: 10}); err != nil && strings.Contains(err.Error(), "\n") {
		t.Fatalf("Train: error of several lines: %q", err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{
		"func=and", "func=xor&hidden=2&rate=0.5&seed=3", "func=a%26b&start=1,2,-3", "func=0110&stop=row&goal=1e-10",
		"func=and&loss=cross-entropy&max-iter=100", "rate=1e309", "func=maj(a,b,c)&iter=5", "func=and&start=nan",
		"func=and&seed=18446744073709551616", "func=and&hidden=1e3", "func=and&stall=auto&goal=auto",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		v, err := url.ParseQuery(q)
		if err != nil {
			return
		}
		base := Default()
		base.MaxIter = 1000
		s, err := ParseQuery(v, base, "iter")
		checkFuzzed(t, s, err)
	})
}

func FuzzDecodeJSON(f *testing.F) {
	for _, b := range []string{
		`{"func":"and"}`, `{"func":"xor","hidden":2,"seed":4,"restarts":1}`, `{"func":"and","start":[1,2,-3]}`,
		`{"func":"and","stop":"row","goal":1e-10}`, `{"func":"and","loss":"cross-entropy"}`, `{"rate":1e999}`,
		`{"func":"and","data":{"csv":"x.csv"}}`, `[1]`, `{"func":"and"} {}`, `{"hidden":-1}`,
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b string) {
		base := Default()
		base.MaxIter = 1000
		s, err := DecodeJSON(strings.NewReader(b), base)
		checkFuzzed(t, s, err)
	})
}
