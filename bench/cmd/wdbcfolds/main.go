// Command wdbcfolds cross-validates one neuron on a table (by default
// testdata/wdbc.csv, 5 folds) through run.Prepare and Problem.Fit, the way
// 'neuron train --csv' trains, and writes each fold's held-out rows and
// the neuron's results on them as JSON, so that
// bench/python/sklearn_wdbc.py can fit scikit-learn's LogisticRegression
// on the very same folds.
//
// It trains two setups on the same folds (the folds depend only on the
// seed and the targets):
//
//	logistic  cross-entropy, shuffled epochs, learning rate 0.1 with decay
//	          0.1, L2 penalty 0.002: the settings that act like
//	          scikit-learn's default LogisticRegression;
//	defaults  the plain defaults of a data run: squared error, rows drawn
//	          at random, learning rate 0.5, 100 epochs.
//
// Both standardize the features on each fold's training rows. For every
// fold the JSON holds the tested rows (0 is the first data row of the
// file), and for each setup the accuracy and the neuron's output for each
// tested row. It prints one line per fold and setup, and one per setup
// with the mean:
//
//	wdbc lang=go run=logistic fold=1 test_rows=114 accuracy=…
//	wdbc lang=go run=logistic mean_accuracy=…
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/metrics"
)

// A Report is the JSON written: the table, the folds, and each setup's
// results on them.
type Report struct {
	CSV      string  `json:"csv"`
	Rows     int     `json:"rows"`
	Features int     `json:"features"`
	Target   string  `json:"target"`
	Positive string  `json:"positive"` // the label read as 1
	Seed     uint64  `json:"seed"`
	Go       string  `json:"go"`
	Folds    []Fold  `json:"folds"`
	Runs     []Setup `json:"runs"`
}

// A Fold is one fold's held-out rows.
type Fold struct {
	Fold     int   `json:"fold"`
	TestRows []int `json:"test_rows"`
}

// A Setup is one setup's results, fold by fold.
type Setup struct {
	Name         string       `json:"name"`
	Settings     string       `json:"settings"`
	MeanAccuracy float64      `json:"mean_accuracy"`
	Folds        []FoldResult `json:"folds"`
}

// A FoldResult is one model's accuracy on its fold's held-out rows and
// its output for each of them, in the order of Fold.TestRows.
type FoldResult struct {
	Accuracy float64   `json:"accuracy"`
	Outputs  []float64 `json:"outputs"`
}

// setups are the setups trained, by name, with a description.
var setups = []struct {
	name, settings string
	apply          func(*run.Setup)
}{
	{"logistic", "cross-entropy, shuffled epochs, learning rate 0.1, decay 0.1, L2 0.002, 100 epochs", logistic},
	{"defaults", "squared error, rows drawn at random, learning rate 0.5, 100 epochs", func(*run.Setup) {}},
}

// logistic makes s act like scikit-learn's default LogisticRegression:
// cross-entropy (the log-loss it minimizes), every row once per epoch,
// a learning rate that decays as 0.1/(1 + 0.1·epoch), and an L2 penalty
// about as strong as its C = 1 on a fold of wdbc (1/C over about 455
// training rows).
func logistic(s *run.Setup) {
	s.Loss, s.Goal, s.Rate = neuron.CrossEntropy, 1e-9, 0.1
	s.Data.Order, s.Data.Decay, s.Data.L2 = neuron.Shuffle, 0.1, 0.002
}

func main() {
	csv := flag.String("csv", filepath.Join("testdata", "wdbc.csv"), "the table: features, then the target column last")
	folds := flag.Int("folds", 5, "number of folds")
	seed := flag.Uint64("seed", run.DefaultSeed, "seed of the folds, starting weights and row order")
	out := flag.String("out", "", "write the JSON report to this file (required)")
	flag.Parse()
	if *out == "" || *folds < 2 {
		fmt.Fprintln(os.Stderr, "wdbcfolds: need -out FILE and -folds 2 or more")
		os.Exit(2)
	}
	rep, err := crossValidate(*csv, *folds, *seed)
	if err == nil {
		err = writeJSON(*out, rep)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wdbcfolds:", err)
		os.Exit(1)
	}
	for _, s := range rep.Runs {
		for k, f := range s.Folds {
			fmt.Printf("wdbc lang=go run=%s fold=%d test_rows=%d accuracy=%.6f\n", s.Name, k+1, len(f.Outputs), f.Accuracy)
		}
		fmt.Printf("wdbc lang=go run=%s mean_accuracy=%.6f\n", s.Name, s.MeanAccuracy)
	}
}

// setupFor returns the setup of 'neuron train --csv file --folds k'.
func setupFor(file string, folds int, seed uint64) run.Setup {
	s := run.Default()
	s.Func, s.Stop, s.MaxIter, s.Seed = "", neuron.StopMean, 0, seed
	s.Data = run.DefaultData(file)
	s.Data.Folds = folds
	return s
}

// crossValidate trains every setup on the same folds of the table.
func crossValidate(file string, folds int, seed uint64) (*Report, error) {
	rep := &Report{CSV: file, Seed: seed, Go: runtime.Version()}
	for _, st := range setups {
		s := setupFor(file, folds, seed)
		st.apply(&s)
		res, out, err := fitFolds(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", st.name, err)
		}
		if rep.Folds == nil {
			t := out.Table
			rep.Rows, rep.Features, rep.Target, rep.Positive = t.Data.Len(), t.Data.Inputs, t.Target, t.Mapping.Positive
			if t.RowsDropped > 0 {
				return nil, fmt.Errorf("%d rows were dropped, so row numbers would not match the file's", t.RowsDropped)
			}
			for k, sp := range out.Splits {
				rep.Folds = append(rep.Folds, Fold{Fold: k + 1, TestRows: sp.TestRows})
			}
		}
		for k, sp := range out.Splits {
			if !slices.Equal(sp.TestRows, rep.Folds[k].TestRows) {
				return nil, fmt.Errorf("%s: fold %d tests other rows than the first setup's", st.name, k+1)
			}
		}
		rep.Runs = append(rep.Runs, Setup{Name: st.name, Settings: st.settings, MeanAccuracy: out.Mean.Accuracy, Folds: res})
	}
	return rep, nil
}

// fitFolds cross-validates s through Problem.Fit and returns each fold's
// accuracy and outputs. Fit keeps only the final model, so the fold
// models are caught as Fit starts them (Options.Observe), and their
// outputs are computed afterwards on the fold's test rows, standardized
// as Fit standardized them; each fold's accuracy from these outputs must
// equal the one Fit reported.
func fitFolds(s run.Setup) ([]FoldResult, *run.DataOutcome, error) {
	p, err := run.Prepare(s, run.CommandLimits)
	if err != nil {
		return nil, nil, err
	}
	var models []neuron.Model
	observe := func(_ uint64, m neuron.Model) func(neuron.Event) error {
		models = append(models, m)
		return nil
	}
	out, err := p.Fit(context.Background(), run.Options{Observe: observe})
	if err != nil {
		return nil, nil, err
	}
	if len(models) < len(out.Splits) {
		return nil, nil, fmt.Errorf("%d models seen for %d folds", len(models), len(out.Splits))
	}
	data := p.Table.Data
	tests := make([][]int, len(out.Splits))
	for k, sp := range out.Splits {
		tests[k] = sp.TestRows
	}
	var res []FoldResult
	for k, sp := range out.Splits {
		test := metrics.Subset(data, sp.TestRows)
		neuron.FitScaler(data, metrics.TrainRows(tests, k)).Apply(test)
		outputs := metrics.Predict(models[k], test)
		r, err := metrics.Evaluate(outputs, test.T, 0.5)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %d: %v", k+1, err)
		}
		if r.Accuracy != sp.Report.Accuracy {
			return nil, nil, fmt.Errorf("fold %d: recomputed accuracy %v differs from Fit's %v", k+1, r.Accuracy, sp.Report.Accuracy)
		}
		res = append(res, FoldResult{Accuracy: r.Accuracy, Outputs: outputs})
	}
	return res, out, nil
}

// writeJSON writes rep to file, whole or not at all.
func writeJSON(file string, rep *Report) error {
	b, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	tmp := file + ".part"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
