package cli

import (
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/neuronlab/neuron"
)

// With --json, train, check, functions and predict print one JSON object
// on standard output instead of text, and nothing else: notices go to
// standard error as always. Field names are snake_case and stable; each
// command's help lists its fields, and golden files under testdata/ pin
// them. Numbers keep every digit; a number that is not finite (a run
// that diverged) is null.

// writeJSON writes v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// number is a float64 that JSON shows as null when it is not finite.
type number float64

func (v number) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func numbers(v []float64) []number {
	out := make([]number, len(v))
	for i, x := range v {
		out[i] = number(x)
	}
	return out
}

// modelJSON is a model's weights, laid out as in a saved model file:
// kind "neuron" with weights and bias, or kind "net" with a hidden layer
// and an output neuron.
type modelJSON struct {
	Kind    string       `json:"kind"`
	Inputs  int          `json:"inputs"`
	Weights []number     `json:"weights,omitempty"`
	Bias    *number      `json:"bias,omitempty"`
	Hidden  []neuronJSON `json:"hidden,omitempty"`
	Output  *neuronJSON  `json:"output,omitempty"`
}

type neuronJSON struct {
	Weights []number `json:"weights"`
	Bias    number   `json:"bias"`
}

func modelDoc(m neuron.Model) modelJSON {
	switch m := m.(type) {
	case *neuron.Neuron:
		b := number(m.Bias)
		return modelJSON{Kind: "neuron", Inputs: m.Inputs(), Weights: numbers(m.W), Bias: &b}
	case *neuron.Net:
		doc := modelJSON{Kind: "net", Inputs: m.Inputs()}
		for j := range m.Hidden() {
			h := m.HiddenNeuron(j)
			doc.Hidden = append(doc.Hidden, neuronJSON{numbers(h.W), number(h.Bias)})
		}
		doc.Output = &neuronJSON{numbers(m.W2), number(m.B2)}
		return doc
	}
	return modelJSON{}
}

// statusWord is a training status as JSON gives it: goal_met,
// iteration_limit, stalled, saturated, diverged, interrupted,
// epoch_limit, early_stopped.
func statusWord(s neuron.Status) string {
	switch s {
	case neuron.GoalMet:
		return "goal_met"
	case neuron.IterationLimit:
		return "iteration_limit"
	case neuron.Stalled:
		return "stalled"
	case neuron.Saturated:
		return "saturated"
	case neuron.Diverged:
		return "diverged"
	case neuron.Canceled:
		return "interrupted"
	case neuron.EpochLimit:
		return "epoch_limit"
	case neuron.EarlyStopped:
		return "early_stopped"
	}
	return "unknown"
}
