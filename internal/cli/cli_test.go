package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// neuronCmd runs the command with args and returns its output and error.
func neuronCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errw bytes.Buffer
	err = Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errw})
	return out.String(), errw.String(), err
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./internal/cli -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestDemoGolden(t *testing.T) {
	out, _, err := neuronCmd(t)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "demo.golden", out)
	for _, want := range []string{"// OUTPUT FOR AND", "// OUTPUT FOR OR", "Expected: 1 Actual: 0.9", "Number of Iterations: ", "Seed: 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

// TestDemoRepeatsTrain: the demo's AND is 'train and' with the original rule.
func TestDemoRepeatsTrain(t *testing.T) {
	demo, _, err := neuronCmd(t, "--seed", "5")
	if err != nil {
		t.Fatal(err)
	}
	tr, _, err := neuronCmd(t, "train", "and", "--stop", "row", "--goal", "1e-10", "--max-iter", "0", "--seed", "5")
	if err != nil {
		t.Fatal(err)
	}
	iters := func(s, prefix string) string {
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, prefix) {
				return strings.TrimPrefix(line, prefix)
			}
		}
		return ""
	}
	d := strings.ReplaceAll(iters(demo, "Number of Iterations: "), ",", "")
	tw := iters(tr, "Learned in ")
	tw, _, _ = strings.Cut(tw, " ")
	if d == "" || d != strings.ReplaceAll(tw, ",", "") {
		t.Errorf("demo AND took %q iterations, train and with the original rule %q", d, tw)
	}
}

func TestTrainGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"train_and.golden", []string{"train", "and"}},
		{"train_or_row.golden", []string{"train", "or", "--stop", "row", "--goal", "1e-10", "--seed", "7"}},
		{"train_nand_mean.golden", []string{"train", "nand", "--stop", "mean", "--rate", "2"}},
		{"train_nor.golden", []string{"train", "nor", "--seed", "3"}},
	} {
		out, _, err := neuronCmd(t, c.args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		golden(t, c.name, out)
		if !strings.Contains(out, "Learned in ") || !strings.Contains(out, "4 of 4 rows") {
			t.Errorf("%v: not learned:\n%s", c.args, out)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	for _, args := range [][]string{
		{"train", "or", "--seed", "99"},
		{"train", "xor", "--hidden", "2", "--seed", "4"},
		{"--seed", "12"},
	} {
		a, _, errA := neuronCmd(t, args...)
		b, _, errB := neuronCmd(t, args...)
		if a != b || (errA == nil) != (errB == nil) {
			t.Errorf("%v: two runs differ", args)
		}
	}
	a, _, _ := neuronCmd(t, "train", "or", "--seed", "1")
	b, _, _ := neuronCmd(t, "train", "or", "--seed", "2")
	if a == b {
		t.Error("seeds 1 and 2 give the same output")
	}
}

func TestTrainCapReached(t *testing.T) {
	out, _, err := neuronCmd(t, "train", "and", "--max-iter", "10")
	if ExitCode(err) != ExitNotLearned || err == nil || !strings.Contains(err.Error(), "iteration cap of 10 reached") ||
		!strings.Contains(err.Error(), "largest row loss") {
		t.Errorf("error %v (exit %d), want the cap reached with the loss, exit %d", err, ExitCode(err), ExitNotLearned)
	}
	if !strings.Contains(out, "Not learned: iteration cap reached after 10 iterations") {
		t.Errorf("output does not say it was not learned:\n%s", out)
	}
}

func TestTrainSaturatedRate(t *testing.T) {
	_, _, err := neuronCmd(t, "train", "and", "--rate", "1e300")
	if ExitCode(err) != ExitNotLearned || !strings.Contains(err.Error(), "smaller learning rate") {
		t.Errorf("rate 1e300: error %v (exit %d), want saturation with a hint", err, ExitCode(err))
	}
}

// TestBadInput: each bad input gets one line of error, exit code 1 and
// nothing on standard output.
func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "frobnicate"}, "frobnicate"},
		{[]string{"train"}, "FUNC missing"},
		{[]string{"train", "and", "or"}, "one FUNC expected, got 2"},
		{[]string{"train", "and", "--bogus"}, "unknown flag --bogus"},
		{[]string{"train", "and", "--rate", "0"}, `--rate "0": must be a positive number`},
		{[]string{"train", "and", "--rate", "-1"}, `--rate "-1": must be a positive number`},
		{[]string{"train", "and", "--rate", "NaN"}, `--rate "NaN": not a number`},
		{[]string{"train", "and", "--rate", "Inf"}, `--rate "Inf": not a number`},
		{[]string{"train", "and", "--rate", "fast"}, `--rate "fast": not a number`},
		{[]string{"train", "and", "--goal", "0"}, `--goal "0": must be a positive number`},
		{[]string{"train", "and", "--goal", "-1e-3"}, `--goal "-1e-3": must be a positive number`},
		{[]string{"train", "and", "--goal", "nan"}, `--goal "nan": not a number`},
		{[]string{"train", "and", "--goal", "1e-3x"}, "not a number"},
		{[]string{"train", "and", "--max-iter", "-5"}, "must not be negative"},
		{[]string{"train", "and", "--max-iter", "1.5"}, "not a whole number"},
		{[]string{"train", "and", "--max-iter", "lots"}, "not a whole number"},
		{[]string{"train", "and", "--seed", "-1"}, `--seed "-1": must not be negative`},
		{[]string{"train", "and", "--seed", "x"}, `--seed "x": not a whole number`},
		{[]string{"train", "and", "--stop", "never"}, `--stop "never": unknown stop rule`},
		{[]string{"train", "and", "--loss", "hinge"}, `--loss "hinge": unknown loss`},
		{[]string{"train", "and", "--hidden", "-1"}, `--hidden "-1": must not be negative`},
		{[]string{"train", "and", "--hidden", "100000"}, "hidden neurons must be 0 (one neuron) to 1024, not 100000"},
		{[]string{"train", "xor"}, "one neuron cannot learn xor"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"--bogus"}, "unknown flag"},
	} {
		out, _, err := neuronCmd(t, c.args...)
		if err == nil {
			t.Errorf("%q: no error", c.args)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
			t.Errorf("%q: error %q, want one line containing %q", c.args, msg, c.want)
		}
		if ExitCode(err) != ExitError {
			t.Errorf("%q: exit code %d, want %d", c.args, ExitCode(err), ExitError)
		}
		if out != "" {
			t.Errorf("%q: wrote to standard output:\n%s", c.args, out)
		}
	}
}

func TestHelpEverywhere(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"train", "--help"}, {"help", "train"}} {
		out, _, err := neuronCmd(t, args...)
		if err != nil || !strings.Contains(out, "Usage:") {
			t.Errorf("%q: error %v, output without usage:\n%s", args, err, out)
		}
	}
}
