package plot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// TestEpochs: both curves and the kept epoch are drawn, in both formats;
// bad input is an error, not a picture.
func TestEpochs(t *testing.T) {
	var train, held []float64
	for e := range 60 {
		x := float64(e)
		train = append(train, 0.6*math.Exp(-x/10)+0.02)
		held = append(held, 0.6*math.Exp(-x/10)+0.05+0.001*x) // falls, then rises
	}
	held[3] = math.NaN() // left out
	o := EpochOptions{Labels: Labels{Title: "cells.csv: one neuron", Subtitle: "learning rate 0.1"}, Loss: neuron.CrossEntropy, Heldout: "validation rows", Best: 31}
	var svg bytes.Buffer
	if err := WriteEpochs(&svg, SVG, train, held, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"training rows", "validation rows", "weights kept: epoch 31", "epoch", "cells.csv: one neuron"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	var png bytes.Buffer
	if err := WriteEpochs(&png, PNG, train, nil, EpochOptions{}); err != nil {
		t.Fatal(err)
	}
	if img := decodePNG(t, png.Bytes()); img.Bounds().Dx() != 800 || img.Bounds().Dy() != 600 {
		t.Errorf("PNG is %v, want 800×600", img.Bounds())
	}
	if *pictures != "" {
		os.WriteFile(filepath.Join(*pictures, "epochs.svg"), svg.Bytes(), 0o644)
		os.WriteFile(filepath.Join(*pictures, "epochs.png"), png.Bytes(), 0o644)
	}
	for _, c := range []struct {
		train, held []float64
	}{
		{nil, nil},
		{[]float64{1, 2}, []float64{1}},
		{[]float64{0, math.NaN()}, nil},
	} {
		if err := WriteEpochs(&svg, SVG, c.train, c.held, o); err == nil {
			t.Errorf("WriteEpochs(%v, %v): no error", c.train, c.held)
		}
	}
}
