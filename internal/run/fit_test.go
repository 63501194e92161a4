package run

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// dataSetup returns the setup of 'neuron train --csv testdata/FILE'.
func dataSetup(file string) Setup {
	s := Default()
	s.Func, s.Stop, s.MaxIter = "", neuron.StopMean, 0
	s.Data = DefaultData(filepath.Join("..", "..", "testdata", file))
	return s
}

// logistic sets s up as the README's logistic regression: cross-entropy,
// shuffled epochs, a decaying learning rate and an L2 penalty about as
// strong as scikit-learn's default (C = 1) on wdbc's training folds.
func logistic(s *Setup) {
	s.Loss, s.Goal, s.Rate = neuron.CrossEntropy, 1e-9, 0.1
	s.Data.Order, s.Data.Decay, s.Data.L2 = neuron.Shuffle, 0.1, 0.002
}

func fit(t *testing.T, s Setup) *DataOutcome {
	t.Helper()
	p, err := Prepare(s, CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Fit(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWDBCCrossValidated: one neuron on standardized wdbc classifies at
// least 96% of held-out biopsies correctly in 5-fold cross-validation, as
// logistic regression does (about 96–98%), with the defaults and as
// logistic regression.
func TestWDBCCrossValidated(t *testing.T) {
	const minAccuracy = 0.96
	for name, f := range map[string]func(*Setup){"defaults": func(*Setup) {}, "logistic": logistic} {
		s := dataSetup("wdbc.csv")
		s.Data.Folds = 5
		f(&s)
		out := fit(t, s)
		if len(out.Splits) != 5 || !out.Tested || out.Mean.Accuracy < minAccuracy {
			t.Errorf("%s: %d folds, mean accuracy %.4f, want ≥ %v", name, len(out.Splits), out.Mean.Accuracy, minAccuracy)
		}
		rows := 0
		for _, sp := range out.Splits {
			rows += sp.Test
			if sp.Train+sp.Test != 569 {
				t.Errorf("%s fold %d: %d training and %d test rows, want 569 in all", name, sp.Fold, sp.Train, sp.Test)
			}
		}
		if rows != 569 {
			t.Errorf("%s: the folds test %d rows, want each of 569 once", name, rows)
		}
		t.Logf("%s: accuracy %.4f ± %.4f", name, out.Mean.Accuracy, out.Std.Accuracy)
	}
}

// TestIrisSetosaSeparated: setosa against the other two species is
// linearly separable, and one neuron separates the held-out rows of every
// fold perfectly.
func TestIrisSetosaSeparated(t *testing.T) {
	s := dataSetup("iris.csv")
	s.Data.Positive, s.Data.Folds = "setosa", 5
	out := fit(t, s)
	for _, sp := range out.Splits {
		if sp.Report.Accuracy != 1 {
			t.Errorf("fold %d: accuracy %v, want 1", sp.Fold, sp.Report.Accuracy)
		}
	}
}

// TestIrisVersicolorNeedsTwoLayers: versicolor lies between the other two
// species, so no line separates it from them; a two-layer network does
// clearly better than one neuron.
func TestIrisVersicolorNeedsTwoLayers(t *testing.T) {
	const margin = 0.1
	acc := map[int]float64{}
	for _, h := range []int{0, 3} {
		s := dataSetup("iris.csv")
		s.Data.Positive, s.Data.Folds, s.Hidden, s.Loss = "versicolor", 5, h, neuron.CrossEntropy
		acc[h] = fit(t, s).Mean.Accuracy
	}
	if !(acc[3] >= acc[0]+margin) {
		t.Errorf("versicolor vs the rest: one neuron %.4f, 3 hidden neurons %.4f; want the network ahead by %v", acc[0], acc[3], margin)
	}
}

// TestFitStandardizesOnTrainingRowsOnly: the scaler's means are those of
// the training rows, not of every row, and the model is measured on the
// other rows.
func TestFitStandardizesOnTrainingRowsOnly(t *testing.T) {
	const tol = 1e-12
	s := dataSetup("wdbc.csv")
	s.Data.Epochs = 2
	out := fit(t, s)
	sp := out.Splits[0]
	if sp.Test != 114 || sp.Train != 455 || sp.Report.Rows != 114 {
		t.Fatalf("split %d/%d rows, report on %d; want 455/114", sp.Train, sp.Test, sp.Report.Rows)
	}
	all := neuron.FitScaler(out.Table.Data, nil)
	differ := false
	for j := range all.Mean {
		differ = differ || math.Abs(all.Mean[j]-out.Scaler.Mean[j]) > tol
	}
	if !differ {
		t.Error("the scaler's means equal those of every row: held-out rows shaped the scaling")
	}
}

func TestFitDeterministic(t *testing.T) {
	run := func() *DataOutcome {
		s := dataSetup("wdbc.csv")
		s.Hidden, s.Data.Folds, s.Data.Batch, s.Data.Patience = 2, 3, 8, 3
		s.Data.Order = neuron.Shuffle
		return fit(t, s)
	}
	a, b := run(), run()
	if !slices.Equal(neuron.Params(a.Model), neuron.Params(b.Model)) || a.Mean.Accuracy != b.Mean.Accuracy {
		t.Error("two runs of the same setup differ")
	}
	for _, sp := range a.Splits {
		if sp.Validation == 0 {
			t.Errorf("fold %d: no validation rows with --patience", sp.Fold)
		}
	}
}

func TestDataSetupErrors(t *testing.T) {
	for _, c := range []struct {
		f    func(*Setup)
		want string
	}{
		{func(s *Setup) { s.Data.Test = 1 }, "--test 1"},
		{func(s *Setup) { s.Data.Folds = 1 }, "--folds 1"},
		{func(s *Setup) { s.Data.Stream, s.Data.Folds = true, 5 }, "cannot cross-validate"},
		{func(s *Setup) { s.Func = "and" }, "not both"},
		{func(s *Setup) { s.Restarts = 2 }, "--restarts applies to boolean functions"},
		{func(s *Setup) { s.Data.CSV = "no/such/file.csv" }, "no/such/file.csv: no such file"},
		{func(s *Setup) { s.Data.Target = "nope" }, `"nope"`},
		{func(s *Setup) { s.Data.Positive = "setosa" }, "setosa"},
	} {
		s := dataSetup("wdbc.csv")
		c.f(&s)
		_, err := Prepare(s, CommandLimits)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.HasPrefix(err.Error(), "csvdata:") {
			t.Errorf("%+v: %v, want an error containing %q", s.Data, err, c.want)
		}
	}
	s := dataSetup("wdbc.csv")
	if _, err := Prepare(s, Limits{Hidden: 8}); err == nil || !strings.Contains(err.Error(), "cannot be used here") {
		t.Errorf("a data file where files are not allowed: %v", err)
	}
}

// TestDataInfoRoundTrip: a data run's saved info gives back its setup.
func TestDataInfoRoundTrip(t *testing.T) {
	s := dataSetup("iris.csv")
	s.Data.Positive, s.Data.Order, s.Data.Batch, s.Data.L2, s.Data.Epochs, s.Data.Patience = "versicolor", neuron.Shuffle, 8, 0.01, 30, 5
	s.Data.Features, s.Data.Target = []string{"petal_length_cm", "petal_width_cm"}, "species" // the record names columns as resolved
	s.Hidden, s.Loss = 3, neuron.CrossEntropy
	out := fit(t, s)
	got, err := FromInfo(s.DataInfo(out))
	if err != nil {
		t.Fatal(err)
	}
	if got.Data == nil || !reflect.DeepEqual(*got.Data, *s.Data) || got.Hidden != 3 || got.Loss != neuron.CrossEntropy || got.Func != "" {
		t.Errorf("FromInfo(DataInfo) = %+v %+v, want %+v %+v", got, got.Data, s, s.Data)
	}
	info := s.DataInfo(out)
	if info.Scale == nil || len(info.Scale.Mean) != 2 || info.Table.Labels[1] != "versicolor" || !info.Table.OneVsRest {
		t.Errorf("info %+v %+v: want a 2-input scale and versicolor against the rest", info.Scale, info.Table)
	}
}
