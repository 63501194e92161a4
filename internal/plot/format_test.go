package plot

import (
	"bytes"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Format
	}{
		{"loss.png", PNG},
		{"LOSS.PNG", PNG},
		{"out/boundary.svg", SVG},
		{"a.b/boundary.Svg", SVG},
	} {
		got, err := FormatOf(tc.path)
		if err != nil || got != tc.want {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, nil", tc.path, got, err, tc.want)
		}
	}
}

func TestFormatOfError(t *testing.T) {
	for _, tc := range []struct {
		path string
		says string // the error names what is wrong
	}{
		{"loss.jpg", `".jpg"`},
		{"loss.png.txt", `".txt"`},
		{"loss", "no extension"},
		{"dir.png/loss", "no extension"},
	} {
		f, err := FormatOf(tc.path)
		if err == nil {
			t.Errorf("FormatOf(%q) = %v, want an error", tc.path, f)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"plot: ", tc.says, ".png", ".svg"} {
			if !strings.Contains(msg, want) {
				t.Errorf("FormatOf(%q) error %q does not mention %s", tc.path, msg, want)
			}
		}
	}
}

func TestFormatString(t *testing.T) {
	if PNG.String() != "png" || SVG.String() != "svg" || Format(0).String() != "Format(0)" {
		t.Errorf("Format names: %v, %v, %v", PNG, SVG, Format(0))
	}
}

func TestUnknownFormat(t *testing.T) {
	h := longHistory()
	d := table(t, 0, 0, 0, 1)
	var b bytes.Buffer
	for _, f := range []Format{0, 3} {
		if err := WriteLoss(&b, f, h, Labels{}); err == nil {
			t.Errorf("WriteLoss with %v: no error", f)
		}
		if err := WriteBoundary(&b, f, neuron.New(2), d, BoundaryOptions{}); err == nil {
			t.Errorf("WriteBoundary with %v: no error", f)
		}
		if err := WriteLossWith(&b, f, h, LossOptions{Goal: 1e-3}); err == nil {
			t.Errorf("WriteLossWith with %v: no error", f)
		}
		if err := WriteWeights(&b, f, neuron.New(2), &neuron.History{Points: []neuron.Point{{Params: []float64{0, 0, 0}}}}, Labels{}); err == nil {
			t.Errorf("WriteWeights with %v: no error", f)
		}
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written for an unknown format", b.Len())
	}
}
