package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainTwoLayerGolden(t *testing.T) {
	out, _, err := neuronCmd(t, "train", "xor", "--hidden", "2")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "train_xor_hidden2.golden", out)
}

// TestTwoLayerLearns: XNOR and parity of three inputs, with enough hidden
// neurons (and restarts where a start can stall).
func TestTwoLayerLearns(t *testing.T) {
	for _, args := range [][]string{
		{"train", "xnor", "--hidden", "2", "--restarts", "5"},
		{"train", "parity3", "--hidden", "4", "--restarts", "5"},
		{"train", "a ^ b ^ c", "--hidden", "3", "--restarts", "5", "--seed", "2"},
	} {
		out, _, err := neuronCmd(t, args...)
		if err != nil || !strings.Contains(out, "Learned in ") {
			t.Errorf("%q: error %v:\n%s", args, err, out)
		}
	}
}

// TestRestartsAfterStall: seed 4 stalls on XOR with two hidden neurons;
// a restart with seed 5 learns it, and the output says which seed did.
func TestRestartsAfterStall(t *testing.T) {
	out, notices, err := neuronCmd(t, "train", "xor", "--hidden", "2", "--seed", "4", "--restarts", "3")
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, want := range []string{"seed 5\n", "Learned in "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The restart is a notice, on standard error.
	for _, want := range []string{"seed 4: stalled after", "restarting with seed 5"} {
		if !strings.Contains(notices, want) || strings.Contains(out, want) {
			t.Errorf("standard error lacks %q, or standard output has it:\n%s", want, notices)
		}
	}
	_, _, err = neuronCmd(t, "train", "xor", "--hidden", "2", "--seed", "4")
	if ExitCode(err) != ExitNotLearned || !strings.Contains(err.Error(), "stalled") || !strings.Contains(err.Error(), "--restarts") {
		t.Errorf("seed 4 without restarts: error %v (exit %d), want a stall with a hint", err, ExitCode(err))
	}
}

// TestForceOneNeuronOnXOR: with --force one neuron trains on XOR until the
// cap and reports the loss it reached.
func TestForceOneNeuronOnXOR(t *testing.T) {
	out, notices, err := neuronCmd(t, "train", "xor", "--force", "--max-iter", "100000")
	if ExitCode(err) != ExitNotLearned || !strings.Contains(err.Error(), "iteration cap of 100,000 reached") {
		t.Errorf("error %v (exit %d)", err, ExitCode(err))
	}
	if !strings.Contains(notices, "not linearly separable") || !strings.Contains(out, "largest row loss") {
		t.Errorf("output:\n%s\nstandard error:\n%s", out, notices)
	}
}

func TestFunctionsGolden(t *testing.T) {
	out, _, err := neuronCmd(t, "functions")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "functions.golden", out)
	if n := strings.Count(out, " yes "); n != 14 {
		t.Errorf("%d functions marked separable, want 14", n)
	}
	for _, name := range []string{"xor ", "xnor "} {
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, name) && !strings.Contains(line, "cannot") {
				t.Errorf("%q line does not say one neuron cannot: %s", name, line)
			}
		}
	}
}

func TestCheckGolden(t *testing.T) {
	for _, c := range []struct {
		name, fn string
		code     int
	}{{"check_xor.golden", "xor", ExitNotSeparable}, {"check_maj.golden", "maj(a,b,c)", ExitOK}} {
		out, _, err := neuronCmd(t, "check", c.fn)
		if ExitCode(err) != c.code || Message(err) != "" {
			t.Errorf("check %s: exit %d, message %q; want exit %d and no message", c.fn, ExitCode(err), Message(err), c.code)
		}
		golden(t, c.name, out)
	}
}

// TestFunctionForms: a function may be a name, family, table, expression
// or table file, and each means the same thing.
func TestFunctionForms(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "and.csv")
	os.WriteFile(file, []byte("a,b,out\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n"), 0o644)
	var outs []string
	for _, fn := range []string{"and", "0001", "a & b", file} {
		out, _, err := neuronCmd(t, "train", fn, "--seed", "3")
		if err != nil {
			t.Fatalf("%q: %v", fn, err)
		}
		// Drop the first line, which names the function as given.
		_, rest, _ := strings.Cut(out, "\n")
		outs = append(outs, rest)
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Errorf("form %d trains differently from the name:\n%s\nvs\n%s", i, outs[i], outs[0])
		}
	}
}

func TestBadFunctions(t *testing.T) {
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.csv")
	os.WriteFile(ragged, []byte("a,b,out\n0,0,0\n0,1\n1,0,0\n1,1,1\n"), 0o644)
	nonbin := filepath.Join(dir, "nonbin.tsv")
	os.WriteFile(nonbin, []byte("0\t0\t0\n0\t1\t2\n1\t0\t0\n1\t1\t1\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "000"}, "not a power of two"},
		{[]string{"train", "0012"}, `column 4: "2" is not 0 or 1`},
		{[]string{"train", "01x1"}, "column"},
		{[]string{"train", "a & | b"}, "column 5"},
		{[]string{"train", "(a & b"}, `missing ")"`},
		{[]string{"train", "maj(a,b"}, "column"},
		{[]string{"train", "frob(a)"}, "frob"},
		{[]string{"train", "and17"}, "want 1 to 16"},
		{[]string{"train", "x1|x2|x3|x4|x5|x6|x7|x8|x9|x10|x11|x12|x13|x14|x15|x16|x17"}, "at most 16"},
		{[]string{"train", ragged}, "line 3"},
		{[]string{"train", nonbin}, "line 2"},
		{[]string{"train", filepath.Join(dir, "missing.csv")}, "no such file"},
		{[]string{"train", "xor", "--hidden", "0", "--restarts", "x"}, "not a whole number"},
		{[]string{"check", "a &"}, "column 4"},
		{[]string{"functions", "--seeds", "0"}, "at least 1"},
		{[]string{"functions", "--hidden", "0"}, "want 1 to 1024"},
	} {
		out, _, err := neuronCmd(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line containing %q", c.args, err, c.want)
		}
		if ExitCode(err) != ExitError || out != "" {
			t.Errorf("%q: exit %d, output %q", c.args, ExitCode(err), out)
		}
	}
}
