package boolfn

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/neuronlab/neuron"
)

// Explain describes s, which Separable returned for d, in words for a
// learner: the weights that separate d's rows, or, from the certificate,
// why no weights do. For XOR it says that the rows whose output is 1 and
// those whose output is 0 have the same average, (1/2, 1/2). Numbers are
// shown as simple fractions where they are ones. The text has several
// lines and ends without a newline.
func (s *Separation) Explain(d *neuron.Dataset) string {
	x := "(" + strings.Join(inputNames(d), ", ") + ")"
	if s.Separable {
		return fmt.Sprintf("separable: w = %s, b = %s puts every row on its side:\n"+
			"w·x + b > 0 exactly for the rows whose output is 1, where x = %s.",
			vector(s.W), number(s.B), x)
	}
	var b strings.Builder
	if len(s.Ones) == 1 && len(s.Zeros) == 1 {
		// Two rows with the same inputs and different outputs.
		fmt.Fprintf(&b, "not separable: rows %d and %d have the same inputs, x = %s = %s,\n"+
			"but outputs 1 and 0: no function of x, so no neuron, gives both.",
			s.Ones[0].Row, s.Zeros[0].Row, x, rowText(d, s.Ones[0].Row))
		return b.String()
	}
	point := vector(s.Point)
	fmt.Fprintf(&b, "not separable. With x = %s:\n", x)
	for _, sd := range []struct {
		out  int
		rows []Weighted
		end  string
	}{{1, s.Ones, ";"}, {0, s.Zeros, " too."}} {
		rows, verb := side(d, sd.out, sd.rows)
		if strings.Contains(rows, "\n") || len(rows)+len(verb)+len(point)+len(sd.end)+2 > maxLine {
			b.WriteString(rows + "\n  " + verb + " " + point + sd.end + "\n")
		} else {
			b.WriteString(rows + " " + verb + " " + point + sd.end + "\n")
		}
	}
	b.WriteString("The boundary w·x + b = 0 of a neuron is flat: at an average of rows,\n" +
		"w·x + b is the average of the rows' values. So if every 1-row were on its\n" +
		"positive side, their average would be there too, and if every 0-row were\n" +
		"on its negative side, so would be theirs; but it is the same point.\n" +
		"One neuron cannot learn this; a two-layer network with enough hidden\n" +
		"neurons can.")
	return b.String()
}

// maxLine is the longest line Explain writes, where it can help it.
const maxLine = 76

// side describes one side of a certificate, the rows whose output is
// out: the rows and, unless they are equal, their weights, and the verb
// that leads to their average. A long list has one row a line.
func side(d *neuron.Dataset, out int, rows []Weighted) (text, verb string) {
	if len(rows) == 1 {
		return fmt.Sprintf("the row whose output is %d", out), "is"
	}
	texts := make([]string, len(rows))
	weights := make([]string, len(rows))
	equal := true
	for i, w := range rows {
		texts[i], weights[i] = rowText(d, w.Row), number(w.Weight)
		equal = equal && math.Abs(w.Weight-rows[0].Weight) <= certTol
	}
	text = fmt.Sprintf("the rows whose output is %d, ", out) + andList(texts) + ","
	if !equal {
		text += " weighted " + andList(weights) + ","
	}
	if len(text) <= maxLine {
		return text, "average to"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the rows whose output is %d,", out)
	for i := range texts {
		b.WriteString("\n    " + texts[i])
		if !equal {
			b.WriteString(" weight " + weights[i])
		}
	}
	return b.String(), "average to"
}

// andList joins items as "a", "a and b" or "a, b and c".
func andList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// inputNames returns d's input names, or x1, x2, ... if it has none.
func inputNames(d *neuron.Dataset) []string {
	if d == nil {
		return []string{"x1", "..."}
	}
	if len(d.Names) == d.Inputs {
		return d.Names
	}
	names := make([]string, d.Inputs)
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i+1)
	}
	return names
}

// rowText writes row r's inputs, e.g. "(0, 1)", or "row r" if d has no
// such row.
func rowText(d *neuron.Dataset, r int) string {
	if d == nil || r < 0 || d.Inputs < 1 || (r+1)*d.Inputs > len(d.X) {
		return fmt.Sprintf("row %d", r)
	}
	x, _ := d.Row(r)
	return vector(x)
}

// vector writes v as "(2, 1/2, -3)".
func vector(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = number(x)
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// number writes x as a whole number or a fraction p/q with q ≤ 64 if it
// is one (within 1e-9), else with 4 significant digits.
func number(x float64) string {
	for q := 1.0; q <= 64; q++ {
		p := math.Round(x * q)
		if math.Abs(x-p/q) > 1e-9 {
			continue
		}
		if p == 0 {
			return "0" // not -0
		}
		if q == 1 {
			return strconv.FormatFloat(p, 'f', -1, 64)
		}
		return strconv.FormatFloat(p, 'f', -1, 64) + "/" + strconv.FormatFloat(q, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// Summary is Explain in one line, for an error message: why no neuron
// separates d's rows, or the weights that do.
func (s *Separation) Summary(d *neuron.Dataset) string {
	if s.Separable {
		return fmt.Sprintf("separable: w = %s, b = %s", vector(s.W), number(s.B))
	}
	if len(s.Ones) == 1 && len(s.Zeros) == 1 {
		return fmt.Sprintf("rows %d and %d have the same inputs %s but outputs 1 and 0",
			s.Ones[0].Row, s.Zeros[0].Row, rowText(d, s.Ones[0].Row))
	}
	// Name the rows when there are few; count them otherwise.
	const fewRows = 4
	list := func(rows []Weighted) string {
		if len(rows) > fewRows {
			return fmt.Sprintf("%d rows", len(rows))
		}
		texts := make([]string, len(rows))
		for i, w := range rows {
			texts[i] = rowText(d, w.Row)
		}
		return andList(texts)
	}
	average := "average"
	for _, side := range [][]Weighted{s.Ones, s.Zeros} {
		for _, w := range side {
			if math.Abs(w.Weight-side[0].Weight) > certTol {
				average = "weighted average"
			}
		}
	}
	return fmt.Sprintf("its 1-rows %s and its 0-rows %s have the same %s %s, so no straight line or plane puts them on opposite sides",
		list(s.Ones), list(s.Zeros), average, vector(s.Point))
}
