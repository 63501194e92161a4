package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wdbc is the path of the breast-cancer data set from this package.
var wdbc = filepath.Join("..", "..", "testdata", "wdbc.csv")

// logisticFlags train one neuron as logistic regression (see the README).
var logisticFlags = []string{"--loss", "cross-entropy", "--order", "shuffle", "--rate", "0.1", "--decay", "0.1", "--l2", "0.002"}

// TestDataGolden pins what 'train --csv' prints, as text and as JSON, for
// cross-validation and for a single split.
func TestDataGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"data_wdbc_folds.golden", append([]string{"train", "--csv", wdbc, "--folds", "5"}, logisticFlags...)},
		{"data_wdbc_split.golden", []string{"train", "--csv", wdbc, "--features", "worst_area,worst_texture,worst_concave_points"}},
		{"data_iris_versicolor.golden", []string{"train", "--csv", filepath.Join("..", "..", "testdata", "iris.csv"), "--positive", "versicolor", "--hidden", "3", "--loss", "cross-entropy", "--patience", "10"}},
	} {
		out, _, err := neuronCmd(t, c.args...)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		golden(t, c.golden, strings.ReplaceAll(out, filepath.ToSlash(wdbc), "testdata/wdbc.csv"))
	}
	out, _, err := neuronCmd(t, append([]string{"train", "--csv", wdbc, "--folds", "5", "--json"}, logisticFlags...)...)
	if err != nil {
		t.Fatal(err)
	}
	var doc dataJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("--json output is not a document: %v", err)
	}
	held := 0
	for _, sp := range doc.Splits {
		held += len(sp.HeldOut)
	}
	if len(doc.Splits) != 5 || held != 569 || doc.Mean == nil || float64(doc.Mean.Accuracy) < 0.96 || doc.Scale == nil || len(doc.Scale.Mean) != 30 {
		t.Errorf("--json: %d splits holding out %d rows, mean %+v, scale %v", len(doc.Splits), held, doc.Mean, doc.Scale != nil)
	}
}

// TestDataSavePredict: a saved model predicts as it was measured. Trained
// on every row (--test 0), its report counts the rows it gets right;
// 'predict --csv' on the same file, with its columns in another order,
// must name the same number of rows' labels correctly, and the model
// applies the standardization it was trained with.
func TestDataSavePredict(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	out, _, err := neuronCmd(t, append([]string{"train", "--csv", wdbc, "--test", "0", "--json", "--save", model}, logisticFlags...)...)
	if err != nil {
		t.Fatal(err)
	}
	var doc dataJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	right := doc.Splits[0].Report.TP + doc.Splits[0].Report.TN

	// The same rows, the columns reversed: predict finds them by name.
	b, err := os.ReadFile(wdbc)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	var labels []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(strings.TrimSpace(line), ",")
		labels = append(labels, f[len(f)-1])
		for i, j := 0, len(f)-1; i < j; i, j = i+1, j-1 {
			f[i], f[j] = f[j], f[i]
		}
		rows = append(rows, strings.Join(f, ","))
	}
	reversed := filepath.Join(dir, "reversed.csv")
	if err := os.WriteFile(reversed, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pred, _, err := neuronCmd(t, "predict", model, "--csv", reversed)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(pred), "\n")
	if lines[0] != "output,class,label" || len(lines) != 570 {
		t.Fatalf("predict --csv printed %d lines, first %q", len(lines), lines[0])
	}
	got := 0
	for i, line := range lines[1:] {
		if strings.HasSuffix(line, ","+labels[i+1]) {
			got++
		}
	}
	if got != right {
		t.Errorf("predict --csv names %d rows' labels right, the training report %d", got, right)
	}
	// One row given as arguments, standardized the same way.
	first := strings.Split(strings.TrimSpace(strings.Split(string(b), "\n")[1]), ",")
	args, _, err := neuronCmd(t, append([]string{"predict", model}, first[:30]...)...)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(lines[1], ",", " "); strings.TrimSpace(args) != want {
		t.Errorf("predict with arguments: %q, with --csv: %q", strings.TrimSpace(args), want)
	}
}

// TestDataStream: streaming the file in passes learns as well, and
// reports on the rows it held out.
func TestDataStream(t *testing.T) {
	out, _, err := neuronCmd(t, append([]string{"train", "--csv", wdbc, "--stream", "--json"}, logisticFlags...)...)
	if err != nil {
		t.Fatal(err)
	}
	var doc dataJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	sp := doc.Splits[0]
	if sp.Test+sp.Train != 569 || sp.Test < 80 || sp.Test > 150 || float64(sp.Report.Accuracy) < 0.94 || doc.Final.Epochs != 100 {
		t.Errorf("--stream: %d training and %d test rows, accuracy %v, %d epochs", sp.Train, sp.Test, sp.Report.Accuracy, doc.Final.Epochs)
	}
}

// TestDataBadInput: bad data files and flags get a clear one-line error,
// status 1, and leave nothing behind (no model file, no temporary file).
func TestDataBadInput(t *testing.T) {
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	long := file("long.csv", "a,b,label\n"+strings.Repeat("1", 17<<20)+",2,x\n")
	model := filepath.Join(dir, "out.json")
	good := file("good.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n1,1,x\n2,2,y\n")
	trained := filepath.Join(dir, "trained.json")
	if _, _, err := neuronCmd(t, "train", "--csv", good, "--test", "0", "--save", trained); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--csv", file("ragged.csv", "a,b,label\n1,2,x\n3,y\n")}, "line 3: 2 fields, want 3"},
		{[]string{"--csv", file("empty.csv", "")}, "empty"},
		{[]string{"--csv", file("header.csv", "a,b,label\n")}, "no data rows"},
		{[]string{"--csv", good, "--target", "diagnosis"}, `target column "diagnosis" not found`},
		{[]string{"--csv", file("oneclass.csv", "a,b,label\n1,2,x\n3,4,x\n")}, "rows of two classes"},
		{[]string{"--csv", file("nan.csv", "a,b,label\n1,NaN,x\n3,4,y\n")}, "line 2, column 2 (b)"},
		{[]string{"--csv", file("inf.csv", "a,b,label\n1,2,x\n3,-Inf,y\n")}, "line 3, column 2 (b)"},
		{[]string{"--csv", file("word.csv", "a,b,label\n1,2,x\n3,four,y\n")}, `"four": not a number`},
		{[]string{"--csv", file("dup.csv", "a,a,label\n1,2,x\n3,4,y\n")}, `"a"`},
		{[]string{"--csv", file("labels3.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,z\n")}, "--positive"},
		{[]string{"--csv", long}, "longer than"},
		{[]string{"--csv", filepath.Join(dir, "missing.csv")}, "missing.csv: no such file"},
		{[]string{"--csv", dir}, "is a directory"},
		{[]string{"--csv", good, "and"}, "no FUNC is wanted"},
		{[]string{"--csv", good, "--folds", "1"}, "--folds 1"},
		{[]string{"--csv", good, "--test", "1.5"}, "--test 1.5"},
		{[]string{"--csv", good, "--trace"}, "--trace applies to boolean functions"},
		{[]string{"--csv", good, "--stream", "--folds", "3"}, "cannot cross-validate"},
		{[]string{"--folds", "3"}, "only with --csv FILE"},
		{[]string{"--csv", good, "--save", good}, "is the input file"},
	}
	before := listing(t, dir)
	for _, c := range cases {
		args := append([]string{"train"}, c.args...)
		if !strings.Contains(strings.Join(c.args, " "), "--save") {
			args = append(args, "--save", model)
		}
		if c.args[0] == "--folds" {
			args = []string{"train", "and", "--folds", "3"}
		}
		out, _, err := neuronCmd(t, args...)
		msg := checkMessage(t, strings.Join(c.args, " "), err)
		if err == nil || !strings.Contains(msg, c.want) || ExitCode(err) != ExitError {
			t.Errorf("%q: %q (status %d), want status 1 and a message containing %q", c.args, msg, ExitCode(err), c.want)
		}
		if out != "" {
			t.Errorf("%q: wrote to standard output: %.200s", c.args, out)
		}
		if after := listing(t, dir); after != before {
			t.Errorf("%q: the directory changed", c.args)
			before = after
		}
	}
	// A constant column is standardized without dividing by zero.
	if _, _, err := neuronCmd(t, "train", "--csv", file("const.csv", "a,b,label\n1,5,x\n3,5,y\n5,5,x\n7,5,y\n")); err != nil {
		t.Errorf("a constant column: %v", err)
	}
	// predict checks the columns against the model's.
	predicts := []struct {
		args []string
		want string
	}{
		{[]string{"predict", trained, "--csv", file("fewer.csv", "a,label\n1,x\n")}, `feature column "b" not found`},
		{[]string{"predict", trained, "--csv", file("nohead.csv", "1,2\n3,4\n")}, `feature column "a" not found`},
		{[]string{"predict", trained, "1"}, "1 inputs given, the model has 2"},
		{[]string{"predict", trained, "--csv", good, "1", "2"}, "none are wanted as arguments"},
	}
	before = listing(t, dir)
	for _, c := range predicts {
		_, _, err := neuronCmd(t, c.args...)
		msg := checkMessage(t, strings.Join(c.args, " "), err)
		if err == nil || !strings.Contains(msg, c.want) {
			t.Errorf("%q: %q, want a message containing %q", c.args, msg, c.want)
		}
	}
	if after := listing(t, dir); after != before {
		t.Error("predict changed the directory")
	}
}
