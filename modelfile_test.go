package neuron

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	d := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	rng := seeded(1)
	for _, m := range []Model{NewRandom(2, rng), NewNetRandom(2, 3, rng)} {
		res, err := Train(context.Background(), m, d, Config{Rand: rng, MaxIter: 5000, Stop: StopMax})
		if err != nil {
			t.Fatal(err)
		}
		info := &ModelInfo{Names: []string{"a", "b"}, Data: "xor", Rate: 0.5, Goal: 1e-3, Stop: "max", Seed: 1,
			MaxIter: 5000, Iterations: res.Iterations, Loss: res.Loss, Status: res.Status.String()}
		var buf bytes.Buffer
		if err := Save(&buf, m, info); err != nil {
			t.Fatal(err)
		}
		got, gotInfo, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("Load(Save(%T)): %v", m, err)
		}
		if !slices.Equal(got.params(nil), m.params(nil)) {
			t.Errorf("%T: loaded %v, saved %v", m, got.params(nil), m.params(nil))
		}
		for i := range d.Len() {
			x, _ := d.Row(i)
			if a, b := got.Output(x), m.Output(x); a != b {
				t.Errorf("%T: loaded model outputs %v for %v, saved one %v", m, a, x, b)
			}
		}
		if gotInfo.Loss != info.Loss || gotInfo.Iterations != info.Iterations || !slices.Equal(gotInfo.Names, info.Names) {
			t.Errorf("info %+v, saved %+v", gotInfo, info)
		}
	}
}

func TestSaveRefusesNonFinite(t *testing.T) {
	for _, m := range []Model{
		&Neuron{W: []float64{1, math.NaN()}},
		&Neuron{W: []float64{1}, Bias: math.Inf(1)},
		&Net{W1: []float64{1, 2}, B1: []float64{0}, W2: []float64{math.Inf(-1)}},
	} {
		var buf bytes.Buffer
		if err := Save(&buf, m, nil); err == nil || buf.Len() != 0 {
			t.Errorf("Save(%v): error %v, wrote %d bytes", m.params(nil), err, buf.Len())
		}
	}
}

// TestLoadRejects: corrupted and hand-edited-wrong files, each with the
// words its error must contain.
func TestLoadRejects(t *testing.T) {
	const good = `{"format":"neuron-model","version":1,"kind":"neuron","inputs":2,"weights":[1,2],"bias":3}`
	if _, _, err := Load(strings.NewReader(good)); err != nil {
		t.Fatalf("good model: %v", err)
	}
	for _, c := range []struct{ file, want string }{
		{``, "empty file"},
		{good[:40], "truncated"},
		{`{"format":"neuron-model",}`, "not valid JSON"},
		{`[1,2]`, "not a model object"},
		{good + `{}`, "unexpected data after"},
		{strings.Replace(good, "neuron-model", "other", 1), `format is "other"`},
		{strings.Replace(good, `"version":1`, `"version":3`, 1), "newer than this program"},
		{strings.Replace(good, `"version":1`, `"version":0`, 1), "not a valid version"},
		{strings.Replace(good, `"kind":"neuron"`, `"kind":"perceptron"`, 1), `kind "perceptron"`},
		{strings.Replace(good, `"kind":"neuron",`, ``, 1), `no "kind"`},
		{strings.Replace(good, `"inputs":2`, `"inputs":3`, 1), "has 2 weights, want 3"},
		{strings.Replace(good, `"inputs":2`, `"inputs":0`, 1), "inputs is 0"},
		{strings.Replace(good, `"inputs":2`, `"inputs":-5`, 1), "inputs is -5"},
		{strings.Replace(good, `"weights":[1,2],`, ``, 1), "has no weights"},
		{strings.Replace(good, `,"bias":3`, ``, 1), "has no bias"},
		{strings.Replace(good, `[1,2]`, `[1,"2"]`, 1), `field "weights`},
		{strings.Replace(good, `[1,2]`, `[1,1e999]`, 1), "1e999"},
		{strings.Replace(good, `"weights"`, `"wieghts"`, 1), `unknown field "wieghts"`},
		{`{"format":"neuron-model","version":1,"kind":"net","inputs":2,"hidden":[{"weights":[1,2],"bias":0}]}`, `no "output"`},
		{`{"format":"neuron-model","version":1,"kind":"net","inputs":2,"hidden":[],"output":{"weights":[],"bias":0}}`, "0 hidden neurons"},
		{`{"format":"neuron-model","version":1,"kind":"net","inputs":2,"hidden":[{"weights":[1],"bias":0}],"output":{"weights":[1],"bias":0}}`, "hidden neuron 1 has 1 weights, want 2"},
		{`{"format":"neuron-model","version":1,"kind":"net","inputs":2,"hidden":[{"weights":[1,2],"bias":0}],"output":{"weights":[1,2],"bias":0}}`, "output neuron has 2 weights, want 1"},
		{`{"format":"neuron-model","version":1,"kind":"net","inputs":1,"weights":[1],"bias":0,"hidden":[{"weights":[1],"bias":0}],"output":{"weights":[1],"bias":0}}`, `not "weights"`},
		{`{"format":"neuron-model","version":1,"kind":"neuron","inputs":1,"weights":[1],"bias":0,"info":{"names":["a","b"]}}`, "2 input names for 1 inputs"},
		{strings.Replace(good, `"inputs":2`, `"inputs":1e30`, 1), `field "inputs": number 1e30 is not a whole number`},
		{strings.Replace(good, `"inputs":2`, `"inputs":"2"`, 1), `field "inputs": want a whole number, not a JSON string`},
		{strings.Replace(good, `"bias":3`, `"bias":[3]`, 1), `field "bias": want a number, not a JSON array`},
		{strings.Replace(good, `"neuron-model"`, `"`+strings.Repeat("x", 5000)+`"`, 1), `format is "xxxxxxxx`},
		// Sizes the data does not bear out are refused before anything
		// of that size is allocated.
		{strings.Replace(good, `"inputs":2`, `"inputs":1048576`, 1), "has 2 weights, want 1048576"},
		{claimNet(1<<20, 1<<16, `{}`), "hidden neuron 1 has no weights"},
		{claimNet(1<<20, 1<<16, `{"weights":[1,2],"bias":0}`), "hidden neuron 1 has 2 weights, want 1048576"},
		{claimNet(2, 1<<16+1, `{}`), "65537 hidden neurons, want 1 to 65536"},
	} {
		_, _, err := Load(strings.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%.60q): error %v, want one containing %q", c.file, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), "\n") || len(err.Error()) > 200) {
			t.Errorf("Load(%.60q): error has several lines or is long: %q", c.file, err)
		}
		for _, internal := range []string{"float64", " int", "json:", "Go value", "reflect"} {
			if err != nil && strings.Contains(err.Error(), internal) {
				t.Errorf("Load(%.60q): error %q speaks of Go's %q", c.file, err, internal)
			}
		}
	}
}

// claimNet returns a model file of a network that claims the given
// inputs and hidden neurons, each hidden neuron written as layer.
func claimNet(inputs, hidden int, layer string) string {
	layers := strings.Repeat(layer+",", hidden-1) + layer
	return fmt.Sprintf(`{"format":"neuron-model","version":2,"kind":"net","inputs":%d,"hidden":[%s],"output":{"weights":[1],"bias":0}}`, inputs, layers)
}

// loadAllocationLimit bounds the memory Load may allocate for a file of n
// bytes: some multiple of what it reads (each number of two or three
// characters becomes eight bytes, slices double as they grow, the
// decoder buffers the text) and a little more.
func loadAllocationLimit(n int) uint64 { return 64*uint64(n) + 8<<20 }

// heapAllocated returns the bytes allocated on the heap so far.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	Save(&buf, NewNetRandom(2, 2, rand.New(rand.NewPCG(1, 0))), &ModelInfo{Data: "xor", Names: []string{"a", "b"}})
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"neuron-model","version":1,"kind":"neuron","inputs":2,"weights":[1,2],"bias":3}`))
	f.Add([]byte(`{"format":"neuron-model","version":1,"kind":"net","inputs":1,"hidden":[{"weights":[1],"bias":0}],"output":{"weights":[1],"bias":0}}`))
	// Files that claim more than they hold: a million inputs and 65,536
	// hidden neurons in a 197 KB file would be half a terabyte of weights.
	f.Add([]byte(claimNet(1<<20, 1<<16, `{}`)))
	f.Add([]byte(claimNet(1<<20, 1000, `{"weights":[0],"bias":0}`)))
	f.Add([]byte(`{"format":"neuron-model","version":2,"kind":"neuron","inputs":1048576,"weights":[1],"bias":0}`))
	f.Add([]byte(`{"format":"neuron-model","version":2,"kind":"neuron","inputs":1,"weights":[1],"bias":0,"info":{"names":["a"],"start":[1,2,3]}}`))
	// An over-allocation fails the fuzz twice over: the memory limit makes
	// the collector fight for it, and the allocation is measured.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(512 << 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		before := heapAllocated()
		m, info, err := Load(bytes.NewReader(data))
		if got, most := heapAllocated()-before, loadAllocationLimit(len(data)); got > most {
			t.Fatalf("Load allocated %d bytes for a file of %d bytes, more than %d", got, len(data), most)
		}
		if err != nil {
			return
		}
		// What loads must save and load back to the same model.
		var out bytes.Buffer
		if err := Save(&out, m, info); err != nil {
			t.Fatalf("loaded model does not save: %v", err)
		}
		m2, _, err := Load(&out)
		if err != nil {
			t.Fatalf("saved model does not load: %v", err)
		}
		if !slices.Equal(m.params(nil), m2.params(nil)) {
			t.Fatalf("round trip changed the model")
		}
	})
}

// TestSaveLoadTable: a model trained on a table keeps its scaler and its
// table's labels, and Load checks the scaler against the inputs.
func TestSaveLoadTable(t *testing.T) {
	n := &Neuron{W: []float64{1.5, -2}, Bias: 0.25}
	info := &ModelInfo{
		Names: []string{"radius", "texture"}, Data: "cells.csv",
		Scale: &Scaler{Mean: []float64{14.1, 19.3}, Std: []float64{3.5, 4.3}, N: 455},
		Table: &TableInfo{Target: "diagnosis", Labels: []string{"benign", "malignant"}, Order: "shuffle", Test: 0.2},
	}
	var b strings.Builder
	if err := Save(&b, n, info); err != nil {
		t.Fatal(err)
	}
	m, got, err := Load(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Scale, info.Scale) || !reflect.DeepEqual(got.Table, info.Table) || m.Output([]float64{1, 2}) != n.Output([]float64{1, 2}) {
		t.Errorf("Load(Save) = %+v %+v, want %+v %+v", got.Scale, got.Table, info.Scale, info.Table)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	good := compact.String()
	for _, c := range []struct{ from, to, want string }{
		{`"std":[3.5,4.3]`, `"std":[3.5]`, "1 standard deviations for 2 inputs"},
		{`"std":[3.5,`, `"std":[0,`, "not positive"},
		{`"std":[3.5,`, `"std":[-1,`, "not positive"},
		{`14.1`, `1e999`, "out of range"},
		{`"benign",`, ``, "1 labels, want 2"},
	} {
		bad := strings.Replace(good, c.from, c.to, 1)
		if bad == good {
			t.Fatalf("%q not found in the saved model", c.from)
		}
		if _, _, err := Load(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q: %v, want an error containing %q", c.from, c.to, err, c.want)
		}
	}
	info.Scale.Std[0] = 0
	if err := Save(&b, n, info); err == nil {
		t.Error("Save with a zero standard deviation: no error")
	}
}
