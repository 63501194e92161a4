package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestTraceGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"trace_and.golden", []string{"train", "and", "--trace", "--trace-first", "8", "--trace-every", "5000"}},
		{"trace_xor_net.golden", []string{"train", "xor", "--hidden", "2", "--trace", "--trace-first", "5"}},
		{"explain_and.golden", []string{"train", "and", "--explain"}},
		{"explain_xor_net.golden", []string{"train", "xor", "--hidden", "2", "--explain=3"}},
	} {
		out, _, err := neuronCmd(t, c.args...)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		golden(t, c.name, out)
	}
}

// TestExplainAgreesWithTrace: the explained step's numbers are those the
// trace prints for the same step.
func TestExplainAgreesWithTrace(t *testing.T) {
	ex, _, err := neuronCmd(t, "train", "or", "--explain=2", "--seed", "9")
	if err != nil {
		t.Fatal(err)
	}
	tr, _, err := neuronCmd(t, "train", "or", "--trace", "--trace-first", "2", "--seed", "9")
	if err != nil {
		t.Fatal(err)
	}
	step2 := strings.Fields(strings.Split(tr, "\n")[2]) // iter a b t u o loss dL/dw1 dL/dw2 dL/db w1 w2 bias
	if step2[0] != "2" {
		t.Fatalf("trace line %q is not step 2", step2)
	}
	for _, want := range []string{"= " + step2[4] + "\n", "= " + step2[5] + "\n", "= " + step2[6] + "\n", "= " + step2[12] + "\n"} {
		want = strings.Replace(want, "= -", "= −", 1)
		if !strings.Contains(ex, want) {
			t.Errorf("explanation lacks the trace's value %q:\n%s", want, ex)
		}
	}
}

func TestTraceFiles(t *testing.T) {
	dir := t.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.jsonl")
	out, _, err := neuronCmd(t, "train", "and", "--trace-file", csvPath, "--trace-all")
	if err != nil {
		t.Fatal(err)
	}
	iters := learnedIterations(t, out)
	f, _ := os.Open(csvPath)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != iters+1 || strings.Join(recs[0], ",") != "iteration,row,x1,x2,target,excitation,output,loss,grad_w1,grad_w2,grad_b,w1,w2,b" {
		t.Fatalf("CSV trace: %d records for %d iterations, header %v", len(recs), iters, recs[0])
	}
	// The last row's new weights are the printed learned weights.
	last := recs[len(recs)-1]
	w1, _ := strconv.ParseFloat(last[11], 64)
	if !strings.Contains(out, "w1 = "+num(w1)+",") {
		t.Errorf("last traced w1 %v not the learned one:\n%s", w1, out)
	}

	// Unless asked for every step, a trace file keeps the first steps only.
	if _, _, err := neuronCmd(t, "train", "and", "--trace-file", csvPath); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(csvPath); bytes.Count(data, []byte("\n")) != traceFileSteps+1 || iters <= traceFileSteps {
		t.Errorf("default trace file of %d iterations: %d lines, want %d", iters, bytes.Count(data, []byte("\n")), traceFileSteps+1)
	}

	if _, _, err := neuronCmd(t, "train", "xor", "--hidden", "2", "--trace-file", jsonPath, "--trace-first", "3", "--trace-every", "1000"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(jsonPath)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for i, line := range lines {
		var step map[string]float64
		if err := json.Unmarshal([]byte(line), &step); err != nil {
			t.Fatalf("JSON Lines trace line %d: %v", i+1, err)
		}
		if _, ok := step["grad_w1_2"]; !ok || step["iteration"] == 0 {
			t.Fatalf("line %d lacks fields: %v", i+1, step)
		}
	}
	if len(lines) < 4 || !strings.Contains(lines[3], `"iteration":1000,`) {
		t.Errorf("--trace-first 3 --trace-every 1000 kept %d lines, the 4th %.40s", len(lines), lines[min(3, len(lines)-1)])
	}
}

func learnedIterations(t *testing.T, out string) int {
	t.Helper()
	_, rest, ok := strings.Cut(out, "Learned in ")
	n, _, _ := strings.Cut(rest, " ")
	v, err := strconv.Atoi(strings.ReplaceAll(n, ",", ""))
	if !ok || err != nil {
		t.Fatalf("no iteration count in:\n%s", out)
	}
	return v
}

func TestPictures(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "b.svg")
	_, notices, err := neuronCmd(t, "train", "xor", "--hidden", "2", "--plot", dir, "--plot-boundary", svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Loss curve drawn to " + filepath.Join(dir, "loss.png"), "Decision boundary drawn to " + svg} {
		if !strings.Contains(notices, want) {
			t.Errorf("standard error lacks %q", want)
		}
	}
	f, err := os.Open(filepath.Join(dir, "loss.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() != 800 || img.Bounds().Dy() != 600 {
		t.Errorf("loss.png: %v, size %v, want 800×600", err, img.Bounds())
	}
	data, _ := os.ReadFile(svg)
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("b.svg is not well-formed XML: %v", err)
		}
	}
	const svgLimit = 100_000
	if len(data) > svgLimit || !bytes.Contains(data, []byte("<svg")) {
		t.Errorf("b.svg: %d bytes, want an SVG under %d", len(data), svgLimit)
	}
	// Three inputs: the boundary shows the two chosen.
	if _, _, err := neuronCmd(t, "train", "maj3", "--plot-boundary", filepath.Join(dir, "m.png"), "--plot-inputs", "a,c"); err != nil {
		t.Errorf("majority with --plot-inputs a,c: %v", err)
	}
}

// TestSavePredictRoundTrip: a saved model predicts exactly the outputs the
// training printed.
func TestSavePredictRoundTrip(t *testing.T) {
	for _, args := range [][]string{{"train", "nand"}, {"train", "xnor", "--hidden", "3"}} {
		model := filepath.Join(t.TempDir(), "m.json")
		out, _, err := neuronCmd(t, append(args, "--save", model)...)
		if err != nil {
			t.Fatal(err)
		}
		var rows, want []string
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) >= 5 && (f[0] == "0" || f[0] == "1") {
				rows = append(rows, f[0]+" "+f[1])
				want = append(want, f[3])
			}
		}
		var got bytes.Buffer
		err = Run(context.Background(), []string{"predict", model}, IO{In: strings.NewReader(strings.Join(rows, "\n")), Out: &got, Err: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSpace(got.String()), "\n") {
			if f := strings.Fields(line); len(f) != 2 || f[0] != want[i] {
				t.Errorf("%q: predict %q gives %q, training printed %s", args, rows[i], line, want[i])
			}
		}
		one, _, err := neuronCmd(t, "predict", model, "1", "1")
		if err != nil || strings.Fields(one)[0] != want[3] {
			t.Errorf("predict %s 1 1 = %q, %v; want %s", model, one, err, want[3])
		}
	}
}

func TestPredictErrors(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	if _, _, err := neuronCmd(t, "train", "and", "--save", model); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"neuron-model","version":1,"kind":"neuron","inputs":3,"weights":[1,2],"bias":0}`), 0o644)
	trunc := filepath.Join(dir, "trunc.json")
	data, _ := os.ReadFile(model)
	os.WriteFile(trunc, data[:len(data)/2], 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"predict", model, "1"}, "1 inputs given, the model has 2"},
		{[]string{"predict", model, "1", "x"}, `input 2 "x": not a number`},
		{[]string{"predict", model, "1", "NaN"}, `input 2 "NaN": not a number`},
		{[]string{"predict", bad}, "has 2 weights, want 3"},
		{[]string{"predict", trunc}, "truncated"},
		{[]string{"predict", filepath.Join(dir, "none.json")}, "no such file"},
		{[]string{"predict"}, "MODEL missing"},
	} {
		_, _, err := neuronCmd(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line containing %q", c.args, err, c.want)
		}
	}
	// A bad line stops the run after the good lines before it are written.
	var out bytes.Buffer
	err := Run(context.Background(), []string{"predict", model}, IO{In: strings.NewReader("1 1\n0 0 0\n1 0\n"), Out: &out, Err: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "line 2") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("error %v, output %q", err, out.String())
	}
}

func TestBadOutputs(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "and", "--plot-loss", filepath.Join(dir, "l.jpg")}, ".jpg"},
		{[]string{"train", "and", "--trace-file", filepath.Join(dir, "t.xlsx")}, ".csv or .jsonl"},
		{[]string{"train", "and", "--trace-file", filepath.Join(dir, "no", "such", "t.csv")}, "no directory " + filepath.Join(dir, "no", "such")},
		{[]string{"train", "and", "--plot-inputs", "a,z"}, `no input named "z"`},
		{[]string{"train", "and", "--plot-inputs", "a"}, "two input names"},
	} {
		_, _, err := neuronCmd(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.args, err, c.want)
		}
	}
	// A model that cannot be written leaves no file and no temporary file.
	_, _, err := neuronCmd(t, "train", "and", "--save", filepath.Join(dir, "missing", "m.json"))
	if err == nil || !strings.Contains(err.Error(), "no directory") {
		t.Errorf("save into a missing directory: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestSaveReplacesAtomically: an existing model is replaced only by a
// complete one, and no temporary file is left.
func TestSaveReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	os.WriteFile(model, []byte("old"), 0o644)
	if _, _, err := neuronCmd(t, "train", "or", "--save", model); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(model)
	if !bytes.HasPrefix(data, []byte("{")) || !bytes.Contains(data, []byte(`"data": "or"`)) {
		t.Errorf("model not replaced: %.60s", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %v, want only m.json", entries)
	}
}

// TestProgressOnlyOnTerminal: a long run draws a progress line on a
// terminal, and writes nothing to standard error otherwise.
func TestProgressOnlyOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for about a second")
	}
	args := []string{"train", "xor", "--force", "--max-iter", "40000000"}
	for _, term := range []bool{false, true} {
		var out, errw bytes.Buffer
		Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errw, Terminal: term})
		if term && !strings.Contains(errw.String(), "it/s") {
			t.Errorf("on a terminal: no progress line in %q", errw.String())
		}
		if !term && strings.Contains(errw.String(), "it/s") {
			t.Errorf("not a terminal: wrote %q to standard error", errw.String())
		}
	}
}
