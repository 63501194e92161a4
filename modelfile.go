package neuron

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Saved models are JSON documents:
//
//	{
//	  "format": "neuron-model",
//	  "version": 1,
//	  "kind": "neuron",             // or "net"
//	  "inputs": 2,
//	  "weights": [5.1, 5.1],        // kind "neuron"
//	  "bias": -7.8,                 // kind "neuron"
//	  "hidden": [{"weights": [...], "bias": ...}, ...],  // kind "net"
//	  "output": {"weights": [...], "bias": ...},         // kind "net"
//	  "info": {"data": "and", "rate": 0.5, ...}          // optional: ModelInfo
//	}
//
// Version 2 added the info fields hidden, loss_function, stall, restarts,
// start, scale and table; Load reads versions 1 and 2.
//
// Numbers are written in the shortest form that reads back to the same
// float64, so a saved model predicts exactly what the trained one did.

// ModelFormat and ModelVersion identify the saved-model format.
const (
	ModelFormat  = "neuron-model"
	ModelVersion = 2
)

// Limits on what Load accepts, so that a corrupted file cannot ask for
// absurd amounts of memory.
const (
	maxLoadInputs = 1 << 20
	maxLoadHidden = 1 << 16
)

// ModelInfo describes a saved model: what it learned and how, enough to
// train it again. Every field is optional.
type ModelInfo struct {
	Names        []string  `json:"names,omitempty"`         // input names
	Data         string    `json:"data,omitempty"`          // what it learned: a function, expression or file
	Hidden       int       `json:"hidden,omitempty"`        // hidden neurons, 0 for one neuron
	Rate         float64   `json:"rate,omitempty"`          // learning rate
	Goal         float64   `json:"goal,omitempty"`          // loss goal
	Stop         string    `json:"stop,omitempty"`          // stop rule
	LossFunction string    `json:"loss_function,omitempty"` // the loss minimized: "squared" or "cross-entropy"
	Seed         uint64    `json:"seed"`                    // random seed
	MaxIter      int       `json:"max_iter,omitempty"`      // iteration cap, 0 for none
	Stall        int       `json:"stall,omitempty"`         // stall window, 0 for none
	Restarts     int       `json:"restarts,omitempty"`      // restarts allowed
	Start        []float64 `json:"start,omitempty"`         // starting weights (Params layout), if not drawn at random
	Iterations   int       `json:"iterations,omitempty"`    // iterations done
	Loss         float64   `json:"loss,omitempty"`          // the stop rule's loss at the end
	Status       string    `json:"status,omitempty"`        // why training stopped

	// Scale, if not nil, standardizes every input before the model sees
	// it: predictions must apply it to new rows (Scaler.ApplyRow).
	Scale *Scaler `json:"scale,omitempty"`
	// Table, if not nil, says how the model was trained on a table of
	// data; Data then names the file.
	Table *TableInfo `json:"table,omitempty"`
}

// TableInfo describes how a model was trained on a table of data: which
// columns, which labels, and how the rows were walked and held out.
type TableInfo struct {
	Target     string   `json:"target"`                // the target column
	Labels     []string `json:"labels"`                // the target labels of outputs 0 and 1
	OneVsRest  bool     `json:"one_vs_rest,omitempty"` // Labels[1] against every other label (Labels[0] is then "")
	Order      string   `json:"order,omitempty"`       // how rows were picked: "draw" or "shuffle"
	Batch      int      `json:"batch,omitempty"`       // rows per step; -1 all of them
	Decay      float64  `json:"decay,omitempty"`       // learning-rate decay
	L2         float64  `json:"l2,omitempty"`          // L2 penalty
	Epochs     int      `json:"epochs,omitempty"`      // epoch cap
	Patience   int      `json:"patience,omitempty"`    // early-stopping patience
	Validation float64  `json:"validation,omitempty"`  // fraction of training rows held out for early stopping
	Test       float64  `json:"test,omitempty"`        // fraction of rows held out for testing
	Folds      int      `json:"folds,omitempty"`       // cross-validation folds (the model kept is trained on every row)
	Raw        bool     `json:"raw,omitempty"`         // the inputs were not standardized
	Epoch      int      `json:"epochs_done,omitempty"` // epochs done
}

type layerJSON struct {
	Weights []float64 `json:"weights"`
	Bias    *float64  `json:"bias"`
}

type modelJSON struct {
	Format  string      `json:"format"`
	Version int         `json:"version"`
	Kind    string      `json:"kind"`
	Inputs  int         `json:"inputs"`
	Weights []float64   `json:"weights,omitempty"`
	Bias    *float64    `json:"bias,omitempty"`
	Hidden  []layerJSON `json:"hidden,omitempty"`
	Output  *layerJSON  `json:"output,omitempty"`
	Info    *ModelInfo  `json:"info,omitempty"`
}

// Save writes m, and info if not nil, to w as JSON. It refuses a model
// with a weight or bias that is not a finite number.
func Save(w io.Writer, m Model, info *ModelInfo) error {
	if !finiteAll(m.params(nil)) {
		return errors.New("neuron: model has a weight or bias that is Inf or NaN; not saved")
	}
	if info != nil && !(finite(info.Rate) && finite(info.Goal) && finite(info.Loss) && finiteAll(info.Start)) {
		return errors.New("neuron: model info has a number that is Inf or NaN; not saved")
	}
	if info != nil && len(info.Names) != 0 && len(info.Names) != m.Inputs() {
		return fmt.Errorf("neuron: model info has %d input names for %d inputs; not saved", len(info.Names), m.Inputs())
	}
	if info != nil && info.Scale != nil {
		if err := checkScale(info.Scale, m.Inputs()); err != nil {
			return fmt.Errorf("neuron: model info: %v; not saved", err)
		}
	}
	doc := modelJSON{Format: ModelFormat, Version: ModelVersion, Inputs: m.Inputs(), Info: info}
	switch m := m.(type) {
	case *Neuron:
		doc.Kind, doc.Weights, doc.Bias = "neuron", m.W, &m.Bias
	case *Net:
		doc.Kind = "net"
		for j := range m.Hidden() {
			h := m.HiddenNeuron(j)
			doc.Hidden = append(doc.Hidden, layerJSON{Weights: h.W, Bias: &h.Bias})
		}
		doc.Output = &layerJSON{Weights: m.W2, Bias: &m.B2}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// Load reads a model saved by Save. It checks everything: the format and
// version, the kind, that the dimensions agree and that every number is
// finite, and reports the first problem it finds, in one line. The sizes
// a file claims (inputs, hidden neurons) are checked against the weights
// it holds before a model of that size is made, so Load allocates in
// proportion to what it reads, whatever the file claims.
func Load(r io.Reader) (Model, *ModelInfo, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var doc modelJSON
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("neuron: model: %v", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("neuron: model: unexpected data after the model")
	}
	m, err := doc.model()
	if err != nil {
		return nil, nil, fmt.Errorf("neuron: model: %v", err)
	}
	return m, doc.Info, nil
}

// jsonProblem words a JSON decoding error for people: what is wrong and
// where, without the decoder's Go type names.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "empty file, not a model"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "file ends in the middle of the model (truncated?)"
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON at byte %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		got := clip(typ.Value)
		if typ.Field == "" {
			return fmt.Sprintf("a JSON %s, not a model object", got)
		}
		want := "text"
		switch typ.Type.Kind() {
		case reflect.Float32, reflect.Float64:
			want = "a number"
			if strings.HasPrefix(typ.Value, "number") {
				return fmt.Sprintf("field %q: %s is out of range", typ.Field, got)
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			want = "a whole number"
			if strings.HasPrefix(typ.Value, "number") {
				return fmt.Sprintf("field %q: %s is not a whole number in range", typ.Field, got)
			}
		case reflect.Bool:
			want = "true or false"
		case reflect.Slice, reflect.Array:
			want = "a list"
		case reflect.Struct, reflect.Map, reflect.Pointer:
			want = "an object"
		}
		return fmt.Sprintf("field %q: want %s, not a JSON %s", typ.Field, want, got)
	}
	// Other messages, such as for an unknown field, are plain words.
	return clipTo(strings.TrimPrefix(err.Error(), "json: "), 120)
}

// clip cuts a long text from the file to its start, so that an error
// message stays short whatever the file holds.
func clip(s string) string { return clipTo(s, 40) }

// clipTo cuts s to at most most bytes and "…".
func clipTo(s string, most int) string {
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// model checks doc and builds its model.
func (doc *modelJSON) model() (Model, error) {
	switch {
	case doc.Format != ModelFormat:
		return nil, fmt.Errorf("format is %q, want %q", clip(doc.Format), ModelFormat)
	case doc.Version < 1:
		return nil, fmt.Errorf("version %d is not a valid version", doc.Version)
	case doc.Version > ModelVersion:
		return nil, fmt.Errorf("version %d is newer than this program reads (%d)", doc.Version, ModelVersion)
	case doc.Inputs < 1 || doc.Inputs > maxLoadInputs:
		return nil, fmt.Errorf("inputs is %d, want 1 to %d", doc.Inputs, maxLoadInputs)
	case doc.Info != nil && len(doc.Info.Names) != 0 && len(doc.Info.Names) != doc.Inputs:
		return nil, fmt.Errorf("%d input names for %d inputs", len(doc.Info.Names), doc.Inputs)
	}
	if doc.Info != nil && doc.Info.Scale != nil {
		if err := checkScale(doc.Info.Scale, doc.Inputs); err != nil {
			return nil, err
		}
	}
	if t := doc.Info.table(); t != nil && len(t.Labels) != 2 {
		return nil, fmt.Errorf("table has %d labels, want 2 (for outputs 0 and 1)", len(t.Labels))
	}
	switch doc.Kind {
	case "neuron":
		if doc.Hidden != nil || doc.Output != nil {
			return nil, errors.New(`kind "neuron" has no "hidden" or "output" layer`)
		}
		if err := checkLayer("neuron", layerJSON{doc.Weights, doc.Bias}, doc.Inputs); err != nil {
			return nil, err
		}
		return &Neuron{W: doc.Weights, Bias: *doc.Bias}, nil
	case "net":
		if doc.Weights != nil || doc.Bias != nil {
			return nil, errors.New(`kind "net" keeps its weights in "hidden" and "output", not "weights" and "bias"`)
		}
		h := len(doc.Hidden)
		if h < 1 || h > maxLoadHidden {
			return nil, fmt.Errorf("net has %d hidden neurons, want 1 to %d", h, maxLoadHidden)
		}
		// Every layer is checked against the weights the file holds before
		// the network is allocated: its size is then that of the data read,
		// whatever sizes the file claims.
		for j, l := range doc.Hidden {
			if err := checkLayer(fmt.Sprintf("hidden neuron %d", j+1), l, doc.Inputs); err != nil {
				return nil, err
			}
		}
		if doc.Output == nil {
			return nil, errors.New(`net has no "output" neuron`)
		}
		if err := checkLayer("output neuron", *doc.Output, h); err != nil {
			return nil, err
		}
		n := NewNet(doc.Inputs, h)
		for j, l := range doc.Hidden {
			copy(n.W1[j*doc.Inputs:], l.Weights)
			n.B1[j] = *l.Bias
		}
		copy(n.W2, doc.Output.Weights)
		n.B2 = *doc.Output.Bias
		return n, nil
	case "":
		return nil, errors.New(`no "kind" ("neuron" or "net")`)
	}
	return nil, fmt.Errorf(`kind %q is not "neuron" or "net"`, clip(doc.Kind))
}

// table returns the info's table, or nil.
func (info *ModelInfo) table() *TableInfo {
	if info == nil {
		return nil
	}
	return info.Table
}

// checkScale checks a scaler for a model of the given inputs: one mean
// and one standard deviation per input, finite, the deviations positive.
func checkScale(s *Scaler, inputs int) error {
	switch {
	case len(s.Mean) != inputs || len(s.Std) != inputs:
		return fmt.Errorf("scale has %d means and %d standard deviations for %d inputs", len(s.Mean), len(s.Std), inputs)
	case !finiteAll(s.Mean) || !finiteAll(s.Std):
		return errors.New("scale has a mean or standard deviation that is not a finite number")
	}
	for _, v := range s.Std {
		if !(v > 0) {
			return errors.New("scale has a standard deviation that is not positive")
		}
	}
	return nil
}

// checkLayer checks one neuron's weights (want of them) and bias.
func checkLayer(what string, l layerJSON, want int) error {
	switch {
	case l.Weights == nil:
		return fmt.Errorf("%s has no weights", what)
	case len(l.Weights) != want:
		return fmt.Errorf("%s has %d weights, want %d", what, len(l.Weights), want)
	case l.Bias == nil:
		return fmt.Errorf("%s has no bias", what)
	}
	// JSON has no Inf or NaN, but a number like 1e999 overflows.
	if !finiteAll(l.Weights) || !finite(*l.Bias) {
		return fmt.Errorf("%s has a weight or bias that is not a finite number", what)
	}
	return nil
}
