package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestJSONGolden: --json prints one JSON document on standard output,
// nothing else, with the field names the help documents.
func TestJSONGolden(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "and.json")
	if _, _, err := neuronCmd(t, "train", "and", "--save", model); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"json_train_and.golden", []string{"train", "and", "--json"}, "", ExitOK},
		{"json_train_xor_hidden2.golden", []string{"train", "xor", "--hidden", "2", "--seed", "4", "--restarts", "1", "--json"}, "", ExitOK},
		{"json_train_cap.golden", []string{"train", "or", "--max-iter", "10", "--json"}, "", ExitNotLearned},
		{"json_check_xor.golden", []string{"check", "xor", "--json"}, "", ExitNotSeparable},
		{"json_check_maj.golden", []string{"check", "maj(a,b,c)", "--json"}, "", ExitOK},
		{"json_functions.golden", []string{"functions", "--seeds", "3", "--json"}, "", ExitOK},
		{"json_predict_args.golden", []string{"predict", model, "1", "1", "--json"}, "", ExitOK},
		{"json_predict_lines.golden", []string{"predict", "--json", model}, "0 0\n# a comment\n\n1,1\n", ExitOK},
		{"json_predict_bad_line.golden", []string{"predict", "--json", model}, "0 0\n1 x\n1 1\n", ExitError},
	} {
		var out bytes.Buffer
		err := Run(context.Background(), c.args, IO{In: strings.NewReader(c.stdin), Out: &out, Err: io.Discard})
		if ExitCode(err) != c.code {
			t.Errorf("%q: exit %d (%v), want %d", c.args, ExitCode(err), err, c.code)
		}
		var doc map[string]any
		dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
		if err := dec.Decode(&doc); err != nil {
			t.Errorf("%q: standard output is not JSON: %v", c.args, err)
			continue
		}
		if _, err := dec.Token(); err != io.EOF {
			t.Errorf("%q: more than one JSON document on standard output", c.args)
		}
		golden(t, c.name, strings.ReplaceAll(out.String(), model, "MODEL"))
		// Every field is documented in the command's help.
		help, _, _ := neuronCmd(t, c.args[0], "--help")
		for _, key := range keys(doc) {
			if !regexp.MustCompile(`\b` + key + `\b`).MatchString(help) {
				t.Errorf("%s --help does not document the field %q", c.args[0], key)
			}
		}
	}
}

// keys returns the field names of a JSON document, at every depth.
func keys(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			out = append(append(out, k), keys(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, keys(x)...)
		}
	}
	return out
}

// TestJSONTrainFields: the fields a script reads first mean what they say.
func TestJSONTrainFields(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	out, notices, err := neuronCmd(t, "train", "and", "--json", "--save", model)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Learned    bool   `json:"learned"`
		Status     string `json:"status"`
		Iterations int    `json:"iterations"`
		Model      struct {
			Kind    string    `json:"kind"`
			Weights []float64 `json:"weights"`
		} `json:"model"`
		Files struct {
			Model string `json:"model"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	text, _, _ := neuronCmd(t, "train", "and")
	if !doc.Learned || doc.Status != "goal_met" || doc.Model.Kind != "neuron" || len(doc.Model.Weights) != 2 ||
		!strings.Contains(text, "Learned in "+count(doc.Iterations)+" iterations") {
		t.Errorf("document %+v does not match the text result:\n%s", doc, text)
	}
	if doc.Files.Model != model || !strings.Contains(notices, "Model saved to "+model) {
		t.Errorf("files.model %q, notices %q", doc.Files.Model, notices)
	}
	// The model file holds the weights the document gives.
	saved, _ := os.ReadFile(model)
	if !strings.Contains(string(saved), jsonNumber(doc.Model.Weights[0])) {
		t.Errorf("saved model lacks weight %v:\n%s", doc.Model.Weights[0], saved)
	}
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestJSONRefusesText: --json does not mix with the printed trace or
// explanation, which would break the document.
func TestJSONRefusesText(t *testing.T) {
	for _, args := range [][]string{{"train", "and", "--json", "--trace"}, {"train", "and", "--json", "--explain"}} {
		out, _, err := neuronCmd(t, args...)
		if ExitCode(err) != ExitError || !strings.Contains(err.Error(), "--json") || out != "" {
			t.Errorf("%q: exit %d, error %v, output %q", args, ExitCode(err), err, out)
		}
	}
}

// TestJSONWhenInterrupted: a run stopped by a signal still prints a
// complete document, with status interrupted.
func TestJSONWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	var out bytes.Buffer
	done := make(chan error)
	go func() {
		done <- Run(ctx, []string{"train", "xor", "--force", "--max-iter", "0", "--json"}, IO{In: strings.NewReader(""), Out: &out, Err: io.Discard})
	}()
	cancel(Interrupt{Signal: os.Interrupt})
	err := <-done
	var doc struct{ Status string }
	if jerr := json.Unmarshal(out.Bytes(), &doc); jerr != nil || doc.Status != "interrupted" || ExitCode(err) != ExitInterrupt {
		t.Errorf("exit %d, status %q (%v):\n%s", ExitCode(err), doc.Status, jerr, out.String())
	}
}
