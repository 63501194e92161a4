// Package explain puts training into words for people: one step of
// steepest descent worked by hand (Step), and numbers formatted for
// reading (Num, Count). The command's --explain and the web page's
// "explain this step" both print Step's text.
package explain

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/neuronlab/neuron"
)

// Step writes one step of steepest descent as a learner would work it by
// hand: each formula in the original demo's notation, then the same
// formula with the numbers filled in, then its value. before is the model
// before the step and after the model after it; every value comes from
// the package's own methods, so the text shows what training computed.
// rate is the learning rate of the step and l its loss.
func Step(w io.Writer, names []string, it int, x []float64, t, rate float64, l neuron.Loss, before, after neuron.Model) {
	var xs, named []string
	for i, v := range x {
		xs = append(xs, en(v))
		named = append(named, fmt.Sprintf("%s = %s", names[i], en(v)))
	}
	fmt.Fprintf(w, "Step %s, worked by hand: the row drawn is x = (%s), that is %s;\nthe expected output is t = %s.\n\n",
		Count(it), strings.Join(xs, ", "), strings.Join(named, ", "), en(t))
	switch b := before.(type) {
	case *neuron.Neuron:
		explainNeuron(w, x, t, rate, l, b, after.(*neuron.Neuron))
	case *neuron.Net:
		explainNet(w, x, t, rate, l, b, after.(*neuron.Net))
	}
	fmt.Fprintln(w)
}

// lossLine writes the loss L of output o against expected output t.
func lossLine(w io.Writer, o, t, loss float64, l neuron.Loss) {
	if l == neuron.CrossEntropy {
		line(w, "loss", "L = −t·ln o − (1 − t)·ln(1 − o)", fmt.Sprintf("−%s·ln %s − %s·ln %s", ep(t), en(o), ep(1-t), en(1-o)), loss)
		return
	}
	line(w, "loss", "L = ½(o − t)²", fmt.Sprintf("½(%s − %s)²", en(o), en(t)), loss)
}

// gradientLine writes d, the loss gradient at the output neuron's
// excitation (called u): lhs names it, e.g. "d = dL/du".
func gradientLine(w io.Writer, label, lhs, u string, o, t, d float64, l neuron.Loss) {
	if l == neuron.CrossEntropy {
		line(w, label, lhs+" = o − t", fmt.Sprintf("%s − %s", en(o), en(t)), d)
		fmt.Fprintf(w, "             (cross-entropy: dL/do = (o − t)/(o·(1 − o)) and do/d%s = o·(1 − o) cancel,\n", u)
		fmt.Fprintf(w, "              so a wrong output near 0 or 1 still gets a full-sized gradient)\n")
		return
	}
	line(w, label, lhs+" = (o − t)·o·(1 − o)", fmt.Sprintf("(%s − %s)·%s·(1 − %s)", en(o), en(t), en(o), en(o)), d)
}

func explainNeuron(w io.Writer, x []float64, t, rate float64, l neuron.Loss, n, after *neuron.Neuron) {
	g := neuron.New(len(x))
	o, loss := n.Gradient(x, t, l, g)
	u := n.Excitation(x)
	var sym, nums []string
	for i := range x {
		sym = append(sym, fmt.Sprintf("w%d·x%d", i+1, i+1))
		nums = append(nums, fmt.Sprintf("%s·%s", ep(n.W[i]), ep(x[i])))
	}
	line(w, "excitation", "u = "+strings.Join(sym, " + ")+" + b", strings.Join(nums, " + ")+" + "+ep(n.Bias), u)
	line(w, "output", "o = σ(u) = 1/(1 + e^(−u))", fmt.Sprintf("1/(1 + e^(%s))", en(-u)), o)
	lossLine(w, o, t, loss, l)
	d := g.Bias // dL/db = d
	gradientLine(w, "gradient", "d = dL/du", "u", o, t, d, l)
	for i := range x {
		line(w, "", fmt.Sprintf("dL/dw%d = d·x%d", i+1, i+1), fmt.Sprintf("%s·%s", ep(d), ep(x[i])), g.W[i])
	}
	line(w, "", "dL/db = d", "", d)
	fmt.Fprintf(w, "  step: each weight moves against its gradient, scaled by the learning rate %s:\n", en(rate))
	for i := range x {
		line(w, "", fmt.Sprintf("w%d ← w%d − rate·dL/dw%d", i+1, i+1, i+1), fmt.Sprintf("%s − %s·%s", en(n.W[i]), en(rate), ep(g.W[i])), after.W[i])
	}
	line(w, "", "b ← b − rate·dL/db", fmt.Sprintf("%s − %s·%s", en(n.Bias), en(rate), ep(d)), after.Bias)
}

func explainNet(w io.Writer, x []float64, t, rate float64, l neuron.Loss, n, after *neuron.Net) {
	g := neuron.NewNet(len(x), n.Hidden())
	o, loss := n.Gradient(x, t, l, g)
	h := make([]float64, n.Hidden())
	fmt.Fprintf(w, "  Forward: each hidden neuron j computes uj = wj·x + bj and hj = σ(uj);\n")
	fmt.Fprintf(w, "  the output neuron computes v = v1·h1 + ... + c and o = σ(v).\n")
	for j := range h {
		hn := n.HiddenNeuron(j)
		var sym, nums []string
		for i := range x {
			sym = append(sym, fmt.Sprintf("w%d%d·x%d", j+1, i+1, i+1))
			nums = append(nums, fmt.Sprintf("%s·%s", ep(hn.W[i]), ep(x[i])))
		}
		u := hn.Excitation(x)
		h[j] = hn.Output(x)
		line(w, fmt.Sprintf("hidden %d", j+1), fmt.Sprintf("u%d = %s + b%d", j+1, strings.Join(sym, " + "), j+1), strings.Join(nums, " + ")+" + "+ep(hn.Bias), u)
		line(w, "", fmt.Sprintf("h%d = σ(u%d)", j+1, j+1), fmt.Sprintf("1/(1 + e^(%s))", en(-u)), h[j])
	}
	var sym, nums []string
	v := n.B2
	for j := range h {
		sym = append(sym, fmt.Sprintf("v%d·h%d", j+1, j+1))
		nums = append(nums, fmt.Sprintf("%s·%s", ep(n.W2[j]), ep(h[j])))
		v += n.W2[j] * h[j]
	}
	line(w, "output", "v = "+strings.Join(sym, " + ")+" + c", strings.Join(nums, " + ")+" + "+ep(n.B2), v)
	line(w, "", "o = σ(v)", fmt.Sprintf("1/(1 + e^(%s))", en(-v)), o)
	lossLine(w, o, t, loss, l)
	fmt.Fprintf(w, "  Backward, by the chain rule, from the loss back to every weight:\n")
	dv := g.B2
	gradientLine(w, "output", "dL/dv", "v", o, t, dv, l)
	for j := range h {
		line(w, "", fmt.Sprintf("dL/dv%d = dL/dv·h%d", j+1, j+1), fmt.Sprintf("%s·%s", ep(dv), ep(h[j])), g.W2[j])
	}
	line(w, "", "dL/dc = dL/dv", "", dv)
	in := len(x)
	for j := range h {
		du := g.B1[j]
		line(w, fmt.Sprintf("hidden %d", j+1), fmt.Sprintf("dL/du%d = dL/dv·v%d·h%d·(1 − h%d)", j+1, j+1, j+1, j+1),
			fmt.Sprintf("%s·%s·%s·(1 − %s)", ep(dv), ep(n.W2[j]), ep(h[j]), en(h[j])), du)
		for i := range x {
			line(w, "", fmt.Sprintf("dL/dw%d%d = dL/du%d·x%d", j+1, i+1, j+1, i+1), fmt.Sprintf("%s·%s", ep(du), ep(x[i])), g.W1[j*in+i])
		}
		line(w, "", fmt.Sprintf("dL/db%d = dL/du%d", j+1, j+1), "", du)
	}
	fmt.Fprintf(w, "  Step: every weight moves against its gradient, scaled by the learning rate %s:\n", en(rate))
	for j := range h {
		for i := range x {
			k := j*in + i
			line(w, "", fmt.Sprintf("w%d%d ← w%d%d − rate·dL/dw%d%d", j+1, i+1, j+1, i+1, j+1, i+1), fmt.Sprintf("%s − %s·%s", en(n.W1[k]), en(rate), ep(g.W1[k])), after.W1[k])
		}
		line(w, "", fmt.Sprintf("b%d ← b%d − rate·dL/db%d", j+1, j+1, j+1), fmt.Sprintf("%s − %s·%s", en(n.B1[j]), en(rate), ep(g.B1[j])), after.B1[j])
	}
	for j := range h {
		line(w, "", fmt.Sprintf("v%d ← v%d − rate·dL/dv%d", j+1, j+1, j+1), fmt.Sprintf("%s − %s·%s", en(n.W2[j]), en(rate), ep(g.W2[j])), after.W2[j])
	}
	line(w, "", "c ← c − rate·dL/dc", fmt.Sprintf("%s − %s·%s", en(n.B2), en(rate), ep(dv)), after.B2)
}

// line writes "  label  formula = numbers = value", leaving out the
// numbers when they would only repeat the value.
func line(w io.Writer, label, formula, numbers string, value float64) {
	s := formula
	if numbers != "" {
		s += " = " + numbers
	}
	fmt.Fprintf(w, "  %-10s %s = %s\n", label, s, en(value))
}

// en formats a number for the explanation: five significant digits, with
// a true minus sign.
func en(v float64) string {
	s := Digits(v, 5)
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return "−" + rest
	}
	return s
}

// ep is en in parentheses when negative, as inside a product.
func ep(v float64) string {
	if s := en(v); strings.HasPrefix(s, "−") {
		return "(" + s + ")"
	}
	return en(v)
}

// Digits formats v with the given significant digits (−1: as many as it
// takes to read back exactly); −0 prints as 0, and exponents have no
// padding: 1e-5, not 1e-05, as in the pictures.
func Digits(v float64, digits int) string {
	if v == 0 {
		v = 0
	}
	s := strconv.FormatFloat(v, 'g', digits, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp := s[:i+2], strings.TrimLeft(s[i+2:], "0") // e-05 → e-5
		if exp == "" {
			exp = "0"
		}
		s = mant + exp
	}
	return s
}

// Num formats a number for people: six significant digits, no noise.
func Num(v float64) string { return Digits(v, 6) }

// Count formats a whole number with thousands separators: 1,234,567.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Weights formats weights as "w1 = 7.37, w2 = 7.37".
func Weights(w []float64) string {
	parts := make([]string, len(w))
	for i, v := range w {
		parts[i] = fmt.Sprintf("w%d = %s", i+1, Num(v))
	}
	return strings.Join(parts, ", ")
}
