package plot

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

var (
	update   = flag.Bool("update", false, "rewrite the golden files in testdata")
	pictures = flag.String("pictures", "", "write example pictures, PNG and SVG, to this directory, to look at")
)

// table returns the data set of a two-input boolean function given by its
// outputs for the rows 00, 01, 10, 11, with inputs named a and b.
func table(t *testing.T, out ...float64) *neuron.Dataset {
	t.Helper()
	d, err := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, out)
	if err != nil {
		t.Fatal(err)
	}
	d.Names = []string{"a", "b"}
	return d
}

// majority returns the data set of the majority of three inputs a, b, c.
func majority(t *testing.T) *neuron.Dataset {
	t.Helper()
	var x [][]float64
	var y []float64
	for k := range 8 {
		a, b, c := float64(k>>2&1), float64(k>>1&1), float64(k&1)
		x = append(x, []float64{a, b, c})
		if a+b+c >= 2 {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	d, err := neuron.NewDataset(x, y)
	if err != nil {
		t.Fatal(err)
	}
	d.Names = []string{"a", "b", "c"}
	return d
}

// train trains m on d with rng until every row's loss meets the default
// goal or maxIter iterations (0 for no cap), recording a history, and
// returns it with the result.
func train(t *testing.T, m neuron.Model, d *neuron.Dataset, rng *rand.Rand, maxIter int) (*neuron.History, neuron.Result) {
	t.Helper()
	h := &neuron.History{Data: d}
	h.Add(m, 0)
	res, err := neuron.Train(context.Background(), m, d, neuron.Config{
		Rand: rng, Stop: neuron.StopMax, MaxIter: maxIter, Progress: h.Record})
	if err != nil {
		t.Fatal(err)
	}
	h.Add(m, res.Iterations)
	return h, res
}

// seeded returns the random source of seed 1.
func seeded() *rand.Rand { return rand.New(rand.NewPCG(1, 0)) }

// trainedNeuron returns a neuron trained on d from seed 1, and its history.
func trainedNeuron(t *testing.T, d *neuron.Dataset) (*neuron.Neuron, *neuron.History, neuron.Result) {
	t.Helper()
	rng := seeded()
	n := neuron.NewRandom(d.Inputs, rng)
	h, res := train(t, n, d, rng, 0)
	return n, h, res
}

// trainedXOR returns a 2-2-1 network trained on XOR from seed 1, and its
// history.
func trainedXOR(t *testing.T) (*neuron.Net, *neuron.Dataset, *neuron.History, neuron.Result) {
	t.Helper()
	d := table(t, 0, 1, 1, 0)
	rng := seeded()
	net := neuron.NewNetRandom(2, 2, rng)
	h, res := train(t, net, d, rng, 2_000_000)
	return net, d, h, res
}

// decodePNG decodes a PNG picture and checks its size and that something
// is drawn on it, and returns it.
func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	const wantW, wantH = 800, 600
	if got := img.Bounds(); got.Dx() != wantW || got.Dy() != wantH {
		t.Fatalf("PNG is %d × %d pixels, want %d × %d", got.Dx(), got.Dy(), wantW, wantH)
	}
	if n := count(img, rgba(white)); n > wantW*wantH*99/100 {
		t.Fatalf("PNG is %d%% white: next to nothing is drawn", n*100/(wantW*wantH))
	}
	return img
}

// checkSVG checks that b is well-formed XML with an svg root element, no
// number that is not one, and at most limit bytes.
func checkSVG(t *testing.T, b []byte, limit int) {
	t.Helper()
	if len(b) > limit {
		t.Errorf("SVG has %d bytes, more than the limit of %d", len(b), limit)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok && root == "" {
			root = el.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("SVG's root element is %q, want svg", root)
	}
	if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("+Inf")) || bytes.Contains(b, []byte("-Inf")) {
		t.Errorf("SVG has a coordinate that is not a number")
	}
}

// count returns the number of pixels of img that are within 12 of c in
// each of red, green and blue.
func count(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			near := func(v uint32, w uint8) bool { return max(v>>8, uint32(w))-min(v>>8, uint32(w)) <= 12 }
			if near(r, c.R) && near(g, c.G) && near(bl, c.B) {
				n++
			}
		}
	}
	return n
}

// golden compares got with the golden file testdata/name, or rewrites
// the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/plot/ -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	line := 0
	for line < len(gl) && line < len(wl) && gl[line] == wl[line] {
		line++
	}
	short := func(ls []string) string {
		if line >= len(ls) {
			return "(end of file)"
		}
		if s := ls[line]; len(s) > 120 {
			return s[:120] + "..."
		}
		return ls[line]
	}
	t.Errorf("%s differs from the golden file (%d bytes, want %d) from line %d:\n got: %s\nwant: %s\n"+
		"if the change is intended, run go test ./internal/plot/ -update and look at the picture",
		path, len(got), len(want), line+1, short(gl), short(wl))
}

// TestPictures writes the example pictures to the directory given by
// -pictures, for a person to look at; without it, it is skipped.
func TestPictures(t *testing.T) {
	if *pictures == "" {
		t.Skip("no -pictures directory")
	}
	if err := os.MkdirAll(*pictures, 0o755); err != nil {
		t.Fatal(err)
	}
	// write writes the picture as name.png and name.svg.
	write := func(name string, draw func(w io.Writer, f Format) error) {
		for _, f := range []Format{PNG, SVG} {
			var b bytes.Buffer
			if err := draw(&b, f); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := os.WriteFile(filepath.Join(*pictures, name+"."+f.String()), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	or := table(t, 0, 1, 1, 1)
	_, orh, orRes := trainedNeuron(t, or)
	orLabels := Labels{"or: one neuron learns a | b", subtitle(orRes)}
	write("or-loss", func(w io.Writer, f Format) error {
		return WriteLossWith(w, f, orh, LossOptions{Labels: orLabels, Goal: 1e-3, Stop: neuron.StopMax})
	})

	and := table(t, 0, 0, 0, 1)
	n, nh, andRes := trainedNeuron(t, and)
	andLabels := Labels{"and: one neuron learns a & b", subtitle(andRes)}
	write("and-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, n, and, BoundaryOptions{Labels: andLabels, History: nh})
	})
	write("and-weights", func(w io.Writer, f Format) error { return WriteWeights(w, f, n, nh, andLabels) })
	write("and-loss", func(w io.Writer, f Format) error {
		return WriteLossWith(w, f, nh, LossOptions{Labels: andLabels, Goal: 1e-3, Stop: neuron.StopMax})
	})

	net, xor, xh, xorRes := trainedXOR(t)
	xorLabels := Labels{"xor: a 2-2-1 network learns a ^ b", subtitle(xorRes)}
	write("xor-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, net, xor, BoundaryOptions{Labels: xorLabels, History: xh})
	})
	write("xor-weights", func(w io.Writer, f Format) error { return WriteWeights(w, f, net, xh, xorLabels) })
	write("xor-loss", func(w io.Writer, f Format) error {
		return WriteLossWith(w, f, xh, LossOptions{Labels: xorLabels, Goal: 1e-3, Stop: neuron.StopMax})
	})

	early := neuron.NewNetRandom(2, 2, seeded())
	eh, earlyRes := train(t, early, xor, seeded(), 1500)
	write("xor-early-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, early, xor, BoundaryOptions{Labels: Labels{"xor: a 2-2-1 network, early in training", subtitle(earlyRes)}, History: eh})
	})

	not, err := neuron.NewDataset([][]float64{{0}, {1}}, []float64{1, 0})
	if err != nil {
		t.Fatal(err)
	}
	notNet := neuron.NewNetRandom(1, 2, seeded())
	noth, notRes := train(t, notNet, not, seeded(), 0)
	write("not-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, notNet, not, BoundaryOptions{Labels: Labels{"not: a 1-2-1 network learns ¬a", subtitle(notRes)},
			Names: []string{"a"}, History: noth})
	})

	write("long-loss", func(w io.Writer, f Format) error {
		return WriteLoss(w, f, longHistory(), Labels{"a long run (made up)", "1000 points up to 100,000,000 iterations, losses down to 0"})
	})

	maj := majority(t)
	n3, mh, majRes := trainedNeuron(t, maj)
	write("majority-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, n3, maj, BoundaryOptions{Labels: Labels{"majority: one neuron learns maj(a, b, c)", subtitle(majRes)},
			X: 0, Y: 2, Fixed: []float64{0, 1, 0}, History: mh})
	})

	net8 := neuron.NewNetRandom(2, 8, seeded())
	h8, res8 := train(t, net8, xor, seeded(), 0)
	write("xor8-boundary", func(w io.Writer, f Format) error {
		return WriteBoundary(w, f, net8, xor, BoundaryOptions{Labels: Labels{"xor: a 2-8-1 network learns a ^ b", subtitle(res8)}, History: h8})
	})
	write("xor8-weights", func(w io.Writer, f Format) error {
		return WriteWeights(w, f, net8, h8, Labels{"xor: a 2-8-1 network learns a ^ b", subtitle(res8)})
	})

	// A network too wide for every weight to be drawn: 16 inputs, 3
	// hidden neurons, 55 weights and biases.
	wide := neuron.NewNetRandom(16, 3, seeded())
	wd := parity(t, 16, 64)
	wh, wideRes := train(t, wide, wd, seeded(), 3000)
	write("wide-weights", func(w io.Writer, f Format) error {
		return WriteWeights(w, f, wide, wh, Labels{"a 16-3-1 network, 3,000 iterations", subtitle(wideRes)})
	})
}

// parity returns rows of n random 0/1 inputs from seed 1 and their
// parity as targets.
func parity(t *testing.T, n, rows int) *neuron.Dataset {
	t.Helper()
	rng := seeded()
	x := make([][]float64, rows)
	y := make([]float64, rows)
	for r := range x {
		x[r] = make([]float64, n)
		for i := range x[r] {
			x[r][i] = float64(rng.IntN(2))
			y[r] = math.Mod(y[r]+x[r][i], 2)
		}
	}
	d, err := neuron.NewDataset(x, y)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// subtitle describes a training run as the command-line tool does.
func subtitle(r neuron.Result) string {
	return "learning rate 0.5, seed 1, " + commas(strconv.Itoa(r.Iterations)) + " iterations, stop rule max, goal 0.001, " + r.Status.String()
}

// longHistory returns a made-up history of 1000 points over 1e8
// iterations whose losses fall to exactly 0, with 8 rows.
func longHistory() *neuron.History {
	h := &neuron.History{}
	for i := range 1000 {
		p := neuron.Point{Iteration: i * 100_000, Rows: make([]float64, 8)}
		for r := range p.Rows {
			p.Rows[r] = 0.25 * math.Exp(-float64(i*(r+1))/40)
			if i > 100*(8-r) {
				p.Rows[r] = 0 // learned exactly, as far as float64 can tell
			}
			p.Max = max(p.Max, p.Rows[r])
			p.Mean += p.Rows[r] / 8
		}
		h.Points = append(h.Points, p)
	}
	return h
}

// rgba returns c as a color.RGBA.
func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}
