package run

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/pflag"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
)

// A DataSetup says how to train on a table of the user's own data, a CSV
// file, instead of a boolean function: which columns to read, how to hold
// rows out to measure the model, and how steepest descent walks through
// the rows. The model, learning rate, loss, stop rule and seed are the
// Setup's, as for a boolean function.
type DataSetup struct {
	CSV      string   `json:"csv"`                // the file
	Target   string   `json:"target,omitempty"`   // target column, by name or 1-based number; "" the last
	Features []string `json:"features,omitempty"` // feature columns; nil all but the target
	Header   string   `json:"header,omitempty"`   // "yes", "no" or "" (detect)
	Positive string   `json:"positive,omitempty"` // the label that is 1; with more than two labels, one against the rest
	DropBad  bool     `json:"drop_bad,omitempty"` // drop rows with missing or non-numeric values instead of stopping
	Raw      bool     `json:"raw,omitempty"`      // do not standardize the features

	Test  float64 `json:"test,omitempty"`  // fraction of rows held out to test the model
	Folds int     `json:"folds,omitempty"` // k-fold cross-validation instead of one split

	Order    neuron.Order `json:"order"`              // how rows are picked
	Batch    int          `json:"batch,omitempty"`    // rows per step; 0 or 1 one row, -1 all
	Decay    float64      `json:"decay,omitempty"`    // learning rate in epoch e: rate/(1 + decay·e)
	L2       float64      `json:"l2,omitempty"`       // L2 penalty on the weights
	Epochs   int          `json:"epochs"`             // epoch cap; 0 none
	Patience int          `json:"patience,omitempty"` // early stopping after this many epochs without a better held-out loss
	// Validation is the fraction of the training rows held out for early
	// stopping (with Patience), so that the test rows never steer training.
	Validation float64 `json:"validation,omitempty"`
	// Stream trains from the file in passes, a bounded number of rows in
	// memory at a time, for files larger than memory.
	Stream bool `json:"stream,omitempty"`
}

// Defaults of a data run.
const (
	DefaultTest       = 0.2
	DefaultEpochs     = 100
	DefaultValidation = 0.1
)

// DefaultData returns the data settings of 'neuron train --csv FILE':
// every column but the last is a feature, the last the target, 20% of the
// rows held out for testing, the original online steepest descent (one
// row drawn at random per step), at most 100 epochs.
func DefaultData(file string) *DataSetup {
	return &DataSetup{CSV: file, Test: DefaultTest, Epochs: DefaultEpochs, Validation: DefaultValidation}
}

// Flag names of the data settings.
const (
	FlagCSV        = "csv"
	FlagTarget     = "target"
	FlagFeatures   = "features"
	FlagHeader     = "header"
	FlagNoHeader   = "no-header"
	FlagPositive   = "positive"
	FlagDropBad    = "drop-bad"
	FlagRaw        = "raw"
	FlagTest       = "test"
	FlagFolds      = "folds"
	FlagOrder      = "order"
	FlagBatch      = "batch"
	FlagDecay      = "decay"
	FlagL2         = "l2"
	FlagEpochs     = "epochs"
	FlagPatience   = "patience"
	FlagValidation = "validation"
	FlagStream     = "stream"
)

// DataFlags are the flags of a DataSetup, bound to d, and the means to
// tell, after parsing, whether any was given.
type DataFlags struct {
	d          *DataSetup
	fs         *pflag.FlagSet
	header, no bool
}

// AddDataFlags defines the data settings' flags on fs, bound to a fresh
// DataSetup with the defaults. Call Setup on the result after parsing.
func AddDataFlags(fs *pflag.FlagSet) *DataFlags {
	f := &DataFlags{d: DefaultData(""), fs: fs}
	d := f.d
	fs.StringVar(&d.CSV, FlagCSV, "", "train on your own data: a CSV `FILE` with a header row, numeric feature columns and a target column of two labels")
	fs.StringVar(&d.Target, FlagTarget, "", "the target `COLUMN`, by name or number from 1 (default the last column)")
	fs.StringSliceVar(&d.Features, FlagFeatures, nil, "the feature `COLUMNS`, by name or number, separated by commas (default all but the target)")
	fs.BoolVar(&f.header, FlagHeader, false, "the first row names the columns (default: detect)")
	fs.BoolVar(&f.no, FlagNoHeader, false, "the first row is data; columns are named column 1, column 2, ...")
	fs.StringVar(&d.Positive, FlagPositive, "", "the target `LABEL` that is 1; with more than two labels, that label against the rest")
	fs.BoolVar(&d.DropBad, FlagDropBad, false, "drop rows with missing or non-numeric values (and say how many) instead of stopping")
	fs.BoolVar(&d.Raw, FlagRaw, false, "do not standardize the features (by default each is scaled to mean 0, variance 1 on the training rows)")
	fs.Var(NumberValue{&d.Test}, FlagTest, "fraction of the rows held out, stratified, to test the model (0: none)")
	fs.Var(CountValue{&d.Folds}, FlagFolds, "k-fold cross-validation, stratified: train k models, each tested on a different k-th of the rows")
	fs.Var(textValue[neuron.Order, *neuron.Order]{&d.Order, "order"}, FlagOrder, "how each step picks rows: draw (at random with replacement, the original demo's) or shuffle (every row once per epoch)")
	fs.Var(batchValue{&d.Batch}, FlagBatch, "rows per step: 1 (online), a mini-batch size, or all (full batch)")
	fs.Var(NumberValue{&d.Decay}, FlagDecay, "learning-rate decay: the rate in epoch e is rate/(1 + decay·e)")
	fs.Var(NumberValue{&d.L2}, FlagL2, "L2 penalty: adds ½·l2·Σw² over the weights to the loss minimized")
	fs.Var(CountValue{&d.Epochs}, FlagEpochs, "epoch cap (0: none)")
	fs.Var(CountValue{&d.Patience}, FlagPatience, "stop early after this many epochs without a lower loss on the validation rows, keeping the best weights")
	fs.Var(NumberValue{&d.Validation}, FlagValidation, "fraction of the training rows held out to decide early stopping (with --patience)")
	fs.BoolVar(&d.Stream, FlagStream, false, "read the file in passes, a bounded number of rows at a time, for files larger than memory")
	return f
}

// Setup returns the parsed data settings, nil when no data flag was
// given, or an error when some were given without --csv.
func (f *DataFlags) Setup() (*DataSetup, error) {
	var set []string
	f.fs.Visit(func(fl *pflag.Flag) {
		if isDataFlag(fl.Name) && fl.Name != FlagCSV {
			set = append(set, "--"+fl.Name)
		}
	})
	if f.d.CSV == "" {
		if len(set) > 0 {
			return nil, fmt.Errorf("%s %s only with --csv FILE", strings.Join(set, ", "), map[bool]string{true: "applies", false: "apply"}[len(set) == 1])
		}
		return nil, nil
	}
	switch {
	case f.header && f.no:
		return nil, errors.New("--header and --no-header contradict each other")
	case f.header:
		f.d.Header = "yes"
	case f.no:
		f.d.Header = "no"
	}
	return f.d, nil
}

func isDataFlag(name string) bool {
	switch name {
	case FlagCSV, FlagTarget, FlagFeatures, FlagHeader, FlagNoHeader, FlagPositive, FlagDropBad, FlagRaw, FlagTest,
		FlagFolds, FlagOrder, FlagBatch, FlagDecay, FlagL2, FlagEpochs, FlagPatience, FlagValidation, FlagStream:
		return true
	}
	return false
}

// batchValue is --batch: a count, or "all" for a full batch.
type batchValue struct{ p *int }

func (v batchValue) String() string {
	if *v.p == neuron.FullBatch {
		return "all"
	}
	if *v.p == 0 {
		return "1"
	}
	return fmt.Sprint(*v.p)
}
func (v batchValue) Type() string { return "rows" }
func (v batchValue) Set(s string) error {
	if strings.TrimSpace(s) == "all" {
		*v.p = neuron.FullBatch
		return nil
	}
	n, err := ParseCount(s)
	if err == nil && n < 1 {
		err = errors.New("want at least 1 row, or all")
	}
	if err != nil {
		return err
	}
	*v.p = n
	return nil
}

// check reports the first thing wrong with d's settings.
func (d *DataSetup) check() error {
	switch {
	case d.CSV == "":
		return errors.New("no CSV file given")
	case !(d.Test >= 0 && d.Test < 1):
		return fmt.Errorf("--test %v: want a fraction of the rows, from 0 up to (not including) 1", d.Test)
	case d.Folds == 1 || d.Folds > 100:
		return fmt.Errorf("--folds %d: want 2 to 100 folds (or 0 for a single split)", d.Folds)
	case !(d.Validation > 0 && d.Validation < 1):
		return fmt.Errorf("--validation %v: want a fraction of the training rows, between 0 and 1", d.Validation)
	case !(d.Decay >= 0) || math.IsInf(d.Decay, 0):
		return fmt.Errorf("--decay %v: want a number ≥ 0", d.Decay)
	case !(d.L2 >= 0) || math.IsInf(d.L2, 0):
		return fmt.Errorf("--l2 %v: want a number ≥ 0", d.L2)
	case d.Header != "" && d.Header != "yes" && d.Header != "no":
		return fmt.Errorf("header %q: want yes, no or empty (detect)", d.Header)
	case d.Stream && d.Folds > 0:
		return errors.New("--stream trains one model in passes over the file; it cannot cross-validate (--folds)")
	case d.Stream && d.Batch == neuron.FullBatch:
		return errors.New("--stream reads a bounded number of rows at a time; it cannot take full-batch steps (--batch all)")
	case d.Stream && d.Patience > 0:
		return errors.New("--stream cannot stop early (--patience): it holds no validation rows")
	}
	return nil
}

// options returns the csvdata options of d.
func (d *DataSetup) options() csvdata.Options {
	o := csvdata.Options{Target: d.Target, Features: d.Features, Positive: d.Positive, DropBad: d.DropBad}
	switch d.Header {
	case "yes":
		o.Header = csvdata.HeaderPresent
	case "no":
		o.Header = csvdata.HeaderAbsent
	}
	return o
}

// readTable reads the whole table of d.
func (d *DataSetup) readTable(ctx context.Context) (*csvdata.Table, error) {
	f, err := Open(ctx, d.CSV)
	if err != nil {
		return nil, fmt.Errorf("data file %s: %w", d.CSV, pathProblem(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("data file %s: is a directory", d.CSV)
	}
	t, err := csvdata.Read(f, d.CSV, d.options())
	if err != nil {
		return nil, f.Err(plainData(err))
	}
	return t, nil
}

// plainData drops the package prefix of a csvdata error, and names the
// flag where the package names its option.
func plainData(err error) error {
	s := strings.TrimPrefix(err.Error(), "csvdata: ")
	s = strings.Replace(s, "name the positive label", "give --positive LABEL", 1)
	if s == err.Error() {
		return err
	}
	return errors.New(s)
}

// dataConfig returns the training configuration of a data run, without
// its random source, validation rows and hooks.
func (s *Setup) dataConfig() neuron.Config {
	c := s.Config()
	d := s.Data
	c.Order, c.Batch, c.Decay, c.L2, c.MaxEpochs, c.Patience = d.Order, d.Batch, d.Decay, d.L2, d.Epochs, d.Patience
	return c
}

// DataInfo returns a saved model's record of a data run: the kept model's
// inputs (the feature columns), its scaler, the target's labels, and the
// setup, enough to train it again.
func (s *Setup) DataInfo(out *DataOutcome) *neuron.ModelInfo {
	d, t := s.Data, out.Table
	m := t.Mapping
	info := &neuron.ModelInfo{
		Names: t.Features, Data: d.CSV, Hidden: s.Hidden, Rate: s.Rate, Goal: s.Goal,
		Stop: s.Stop.String(), LossFunction: s.Loss.String(), Seed: s.Seed, MaxIter: s.MaxIter,
		Stall: s.StallFor(), Start: s.Start, Scale: out.Scaler,
		Iterations: out.Final.Iterations, Loss: out.Final.Loss, Status: out.Final.Status.String(),
		Table: &neuron.TableInfo{
			Target: t.Target, Labels: []string{m.Negative, m.Positive}, OneVsRest: m.OneVsRest,
			Order: d.Order.String(), Batch: d.Batch, Decay: d.Decay, L2: d.L2, Epochs: d.Epochs,
			Patience: d.Patience, Validation: d.Validation, Test: d.Test, Folds: d.Folds, Raw: d.Raw,
			Epoch: out.Final.Epochs,
		},
	}
	if d.Patience == 0 {
		info.Table.Validation = 0
	}
	return info
}

// fromTableInfo returns the data settings a saved model's info records.
func fromTableInfo(info *neuron.ModelInfo) (*DataSetup, error) {
	t := info.Table
	d := DefaultData(info.Data)
	d.Target, d.Features, d.Batch, d.Decay, d.L2, d.Epochs, d.Patience, d.Test, d.Folds, d.Raw =
		t.Target, info.Names, t.Batch, t.Decay, t.L2, t.Epochs, t.Patience, t.Test, t.Folds, t.Raw
	if t.Validation > 0 {
		d.Validation = t.Validation
	}
	if len(t.Labels) == 2 {
		d.Positive = t.Labels[1]
	}
	if t.Order != "" {
		if err := d.Order.UnmarshalText([]byte(t.Order)); err != nil {
			return nil, plain(err)
		}
	}
	return d, nil
}
