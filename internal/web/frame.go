package web

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/run"
)

// The heat map's grid: gridSize nodes a side over the square from
// (areaLo, areaLo) to (areaHi, areaHi), a quarter of the inputs' range
// beyond 0 and 1 on each side, as the command's boundary picture. With
// 37 nodes, 1/24 apart, 0 and 1 fall on nodes 6 and 30; the page smooths
// between them.
const (
	gridSize = 37
	areaLo   = -0.25
	areaHi   = 1.25
)

// A Frame is what the page draws at one iteration: every number on it,
// computed here from the model by the package's own methods.
type Frame struct {
	Iter    int          `json:"iter"`
	Status  string       `json:"status"`  // start, paused, running, learned, cap, stalled, saturated, diverged
	Message string       `json:"message"` // the status in a sentence
	Params  []num        `json:"params"`  // every weight and bias, in the model's flat layout (neuron.Params)
	Neurons []neuronView `json:"neurons"`
	Out     []num        `json:"out"`     // each row's output o
	Loss    []num        `json:"loss"`    // each row's loss
	Wrong   []int        `json:"wrong"`   // the rows whose output is on the wrong side of 0.5
	Correct int          `json:"correct"` // how many rows are on the right side
	Max     num          `json:"max"`     // the largest row loss
	Mean    num          `json:"mean"`    // the mean row loss
	// Heat is the output at each node of the grid, scaled to 0..255, a
	// row of nodes at a time from the bottom (y = areaLo), in base64.
	Heat string `json:"heat"`
	// Boundary holds the segments x1, y1, x2, y2, ... along which the
	// output is 0.5, the decision boundary.
	Boundary []num `json:"boundary"`
	// Hidden holds, for a network, each hidden neuron's own line, where
	// its output is 0.5, as x1, y1, x2, y2 (empty if it misses the square).
	Hidden [][]num `json:"hidden,omitempty"`
	// Line is, for one neuron, its boundary on the picture as
	// wx·x + wy·y + c = 0, for the page to drag it.
	Line  *lineView `json:"line,omitempty"`
	Point point     `json:"point"`
}

// A neuronView is one neuron of the model: its excitation with its
// weights filled in, and where its weights and bias are in Params.
type neuronView struct {
	Name    string   `json:"name"`    // "neuron", "hidden 1", "output"
	Formula string   `json:"formula"` // e.g. u = 7.392·a + 7.385·b − 11.17
	Inputs  []string `json:"inputs"`  // what each weight multiplies: a, b, ... or h1, h2, ...
	W       []int    `json:"w"`       // the indexes of its weights in Params
	B       int      `json:"b"`       // the index of its bias
}

// A lineView is one neuron's boundary on the picture, wx·x + wy·y + c = 0,
// and the indexes in Params of the weights of x and y (−1 for a function
// of one input) and of the bias.
type lineView struct {
	IX, IY, IB int
	WX, WY, C  num
}

// A point is the loss at one iteration: mean, largest and each row's
// (for tables of at most neuron.HistoryRows rows).
type point struct {
	I    int   `json:"i"`
	Mean num   `json:"mean"`
	Max  num   `json:"max"`
	Rows []num `json:"rows,omitempty"`
}

// A num is a number in JSON that may not be finite: the weights of a run
// that diverged are ±Inf or NaN, which JSON cannot hold; they are sent as
// null. Finite numbers are written in the shortest form that reads back
// exactly.
type num float64

func (v num) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

// newFrame computes what the page shows of model m at iteration it.
func newFrame(p *run.Problem, v view, m neuron.Model, it int) *Frame {
	f := measure(p, m, it)
	f.paint(m, v)
	return f
}

// measure computes a frame's numbers: the weights, and each row's output
// and loss, without the pictures.
func measure(p *run.Problem, m neuron.Model, it int) *Frame {
	f := &Frame{Iter: it, Params: nums(neuron.Params(m)), Neurons: neurons(p, m)}
	d, l := p.Data, p.Setup.Loss
	f.Out = make([]num, d.Len())
	f.Loss = make([]num, d.Len())
	f.Wrong = []int{}
	var sum, most float64
	for i := range d.Len() {
		x, t := d.Row(i)
		o, loss := l.At(m, x, t)
		f.Out[i], f.Loss[i] = num(o), num(loss)
		if (o >= 0.5) != (t >= 0.5) {
			f.Wrong = append(f.Wrong, i)
		}
		sum += loss
		most = max(most, loss)
	}
	f.Correct = d.Len() - len(f.Wrong)
	mean := sum / float64(d.Len())
	f.Max, f.Mean = num(most), num(mean)
	f.Point = point{I: it, Mean: num(mean), Max: num(most)}
	if d.Len() <= neuron.HistoryRows {
		f.Point.Rows = f.Loss
	}
	return f
}

// paint computes a frame's pictures: the heat map, the boundary and, for
// a network, the hidden neurons' lines, on the slice that v shows.
func (f *Frame) paint(m neuron.Model, v view) {
	_, net := m.(*neuron.Net)
	heat, logit := grid(m, v, net)
	f.Heat = base64.StdEncoding.EncodeToString(heat)
	switch m := m.(type) {
	case *neuron.Neuron:
		f.Line = newLine(m, v)
		f.Boundary = rounded(clip(float64(f.Line.WX), float64(f.Line.WY), float64(f.Line.C)))
	case *neuron.Net:
		f.Boundary = rounded(contour(logit, gridSize, areaLo, areaHi))
		for j := range m.Hidden() {
			h := newLine(m.HiddenNeuron(j), v)
			f.Hidden = append(f.Hidden, rounded(clip(float64(h.WX), float64(h.WY), float64(h.C))))
		}
	}
}

// grid evaluates the model's output at every node of the heat map's grid,
// the shown inputs varying and the others fixed. It returns the outputs
// scaled to bytes and, if asked, their logits ln(o/(1−o)), which are the
// output neuron's excitation and cross 0 where the output crosses 0.5,
// for tracing the boundary.
func grid(m neuron.Model, v view, logits bool) (heat []byte, logit []float64) {
	heat = make([]byte, gridSize*gridSize)
	if logits {
		logit = make([]float64, gridSize*gridSize)
	}
	x := append([]float64(nil), v.fixed...)
	const step = (areaHi - areaLo) / (gridSize - 1)
	const most = 40 // |logit| beyond which σ is 0 or 1 to double precision
	for j := range gridSize {
		if v.y >= 0 {
			x[v.y] = areaLo + float64(j)*step
		}
		for i := range gridSize {
			x[v.x] = areaLo + float64(i)*step
			o := m.Output(x)
			k := j*gridSize + i
			if o >= 0 { // not NaN
				heat[k] = byte(math.Round(255 * min(o, 1)))
			}
			if logits {
				logit[k] = min(max(math.Log(o/(1-o)), -most), most)
			}
		}
	}
	return heat, logit
}

// newLine returns neuron n's boundary on the picture. With the inputs
// not shown held fixed, its excitation u = w·x + b is wx·x + wy·y + c in
// the two shown inputs; the coefficients are read off the neuron's own
// Excitation at three corners of the unit square, so no formula is
// written twice.
func newLine(n *neuron.Neuron, v view) *lineView {
	x := append([]float64(nil), v.fixed...)
	at := func(a, b float64) float64 {
		x[v.x] = a
		if v.y >= 0 {
			x[v.y] = b
		}
		return n.Excitation(x)
	}
	c := at(0, 0)
	l := &lineView{IX: v.x, IY: v.y, IB: len(n.W), WX: num(at(1, 0) - c), C: num(c)}
	if v.y >= 0 {
		l.WY = num(at(0, 1) - c)
	}
	return l
}

// neurons describes the model's neurons, each with its excitation
// filled in.
func neurons(p *run.Problem, m neuron.Model) []neuronView {
	names := p.Data.Names
	idx := func(from, n int) []int {
		v := make([]int, n)
		for i := range v {
			v[i] = from + i
		}
		return v
	}
	switch m := m.(type) {
	case *neuron.Neuron:
		n := len(m.W)
		return []neuronView{{Name: "neuron", Formula: filled("u", m.W, names, m.Bias), Inputs: names, W: idx(0, n), B: n}}
	case *neuron.Net:
		n, h := m.Inputs(), m.Hidden()
		var out []neuronView
		hs := make([]string, h)
		for j := range h {
			hs[j] = "h" + strconv.Itoa(j+1)
			hn := m.HiddenNeuron(j)
			out = append(out, neuronView{Name: "hidden " + strconv.Itoa(j+1), Formula: filled("u"+strconv.Itoa(j+1), hn.W, names, hn.Bias),
				Inputs: names, W: idx(j*n, n), B: h*n + j})
		}
		return append(out, neuronView{Name: "output", Formula: filled("v", m.W2, hs, m.B2), Inputs: hs, W: idx(h*n+h, h), B: h*n + 2*h})
	}
	return nil
}

// filled writes an excitation with its weights filled in, four
// significant digits and true minus signs: u = 7.392·a + 7.385·b − 11.17.
func filled(lhs string, w []float64, names []string, b float64) string {
	var s strings.Builder
	s.WriteString(lhs + " =")
	term := func(v float64, name string, first bool) {
		sign, mag := "+", v
		if math.Signbit(v) && v != 0 {
			sign, mag = "−", -v
		}
		switch {
		case first && sign == "+":
			s.WriteString(" ")
		case first:
			s.WriteString(" −")
		default:
			s.WriteString(" " + sign + " ")
		}
		s.WriteString(strconv.FormatFloat(mag, 'g', 4, 64) + name)
	}
	for i, x := range w {
		term(x, "·"+names[i], i == 0)
	}
	term(b, "", len(w) == 0)
	return s.String()
}

// rounded keeps four decimals of picture coordinates: a ten-thousandth of
// the square is far below a pixel, and the JSON is shorter.
func rounded(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(math.Round(x*1e4) / 1e4)
	}
	return out
}

// A funcView describes the function trained.
type funcView struct {
	Name   string   `json:"name"`
	Vars   []string `json:"vars"`
	Table  string   `json:"table"` // outputs in row order, e.g. 0001
	Inputs int      `json:"inputs"`
	Rows   int      `json:"rows"`
}

func newFuncView(f *boolfn.Func) funcView {
	return funcView{Name: f.Name, Vars: f.Vars, Table: f.TableString(), Inputs: f.Inputs(), Rows: f.Rows()}
}

// A tableRow is a row of the truth table: its inputs, its expected
// output, and whether it is drawn on the picture (its inputs not shown
// equal the fixed values).
type tableRow struct {
	X     []int `json:"x"`
	T     int   `json:"t"`
	Shown bool  `json:"shown"`
}

func newTableRow(p *run.Problem, v view, i int) tableRow {
	x, t := p.Data.Row(i)
	r := tableRow{X: make([]int, len(x)), T: int(t), Shown: true}
	for k, xk := range x {
		r.X[k] = int(xk)
		if k != v.x && k != v.y && xk != v.fixed[k] {
			r.Shown = false
		}
	}
	return r
}
