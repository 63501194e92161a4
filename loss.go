package neuron

import (
	"fmt"
	"math"
)

// A Loss measures how far a model's output o is from the expected output t.
// Training moves the weights against the loss's gradient.
type Loss int

const (
	// SquaredError is L = ½(o−t)², the original demo's loss. Its gradient
	// at the excitation u is (o−t)·o·(1−o): the factor o(1−o) = σ'(u)
	// makes it nearly zero once σ saturates, however wrong the output is.
	SquaredError Loss = iota
	// CrossEntropy is L = −t·ln o − (1−t)·ln(1−o), the loss of logistic
	// regression. Its gradient at the excitation is simply o−t: a saturated
	// output that is wrong still gets a full-sized correction.
	CrossEntropy
)

var lossNames = [...]string{SquaredError: "squared", CrossEntropy: "cross-entropy"}

// String returns the loss's name: "squared" or "cross-entropy".
func (l Loss) String() string {
	if l >= 0 && int(l) < len(lossNames) {
		return lossNames[l]
	}
	return fmt.Sprintf("Loss(%d)", int(l))
}

// ParseLoss returns the loss named s: "squared" or "cross-entropy".
func ParseLoss(s string) (Loss, error) {
	for i, name := range lossNames {
		if s == name {
			return Loss(i), nil
		}
	}
	return 0, fmt.Errorf("neuron: unknown loss %q (want squared or cross-entropy)", s)
}

// Of returns the loss of output o against expected output t.
//
// For CrossEntropy an output of exactly 0 or 1 (σ rounds to them beyond
// an excitation of about ±37) would make ln(0) infinite; Of then measures
// o as 1e-16 away from the boundary, a loss of at most about 36.8.
// Training measures the loss from the excitation instead, exactly.
func (l Loss) Of(o, t float64) float64 {
	e := o - t
	if l == CrossEntropy {
		const eps = 1e-16
		o = min(max(o, eps), 1-eps)
		return float64(-t*math.Log(o)) - float64((1-t)*math.Log(1-o))
	}
	return e * e / 2 // the ½ makes dL/do simply o−t
}

// At returns model m's output o for input x and its loss against the
// expected output t.
func (l Loss) At(m Model, x []float64, t float64) (o, loss float64) {
	u := m.excitation(x)
	o = Sigmoid(u)
	loss, _ = l.atOutput(u, o, t)
	return o, loss
}

// atOutput returns the loss of an output neuron whose excitation is u and
// output o = σ(u) against the expected output t, and d = dL/du, the loss
// gradient at the excitation, from which every weight's gradient follows
// by the chain rule.
func (l Loss) atOutput(u, o, t float64) (loss, d float64) {
	e, slope := l.gradient(o, t)
	return l.fromError(u, e, t), e * slope
}

// gradient returns d = dL/du as two factors, d = e·slope, where e = o − t
// is the output's error. A step multiplies d by the learning rate:
// computed as (rate·e)·slope, the two products that wait for o run side
// by side instead of one after the other, and the step, which every next
// step waits for, is ready sooner.
func (l Loss) gradient(o, t float64) (e, slope float64) {
	e = o - t
	if l == CrossEntropy {
		// dL/du = σ(u) − t: dL/do = (o−t)/(o(1−o)) and σ'(u) = o(1−o)
		// cancel, so no o(1−o) factor is left to vanish.
		return e, 1
	}
	// L = ½(o−t)², and by the chain rule dL/du = dL/do · do/du = (o−t)·σ'(u),
	// where σ'(u) = o(1−o).
	return e, o * (1 - o)
}

// fromError returns the loss of an output neuron with excitation u and
// error e = o − t against the expected output t.
func (l Loss) fromError(u, e, t float64) float64 {
	if l == CrossEntropy {
		return crossEntropy(u, t)
	}
	return e * e / 2
}

// crossEntropy returns the cross-entropy loss of an output neuron with
// excitation u against the expected output t. With o = σ(u),
// ln o = −softplus(−u) and ln(1−o) = −softplus(u), where
// softplus(z) = ln(1+e^z) = softplus(−z) + z; so
// L = t·softplus(−u) + (1−t)·softplus(u) = softplus(u) − t·u, finite and
// exact even where o itself rounds to 0 or 1.
//
// It is kept out of line so that fromError, called every step, is small
// enough for the compiler to inline.
//
//go:noinline
func crossEntropy(u, t float64) float64 {
	return softplus(u) - float64(t*u)
}

// softplus returns ln(1 + e^z) without overflow: for z > 0 it is
// z + ln(1 + e^(−z)), so the exponential is always at most 1.
func softplus(z float64) float64 {
	if z != z {
		return z // NaN, from weights that overflowed: Train reports the divergence
	}
	a := math.Abs(z)
	var y float64 // e^(−|z|), in (0, 1]
	if a <= expLimit {
		y = expNeg(a)
	} else {
		y = expNegFar(a) // at most 1e-304: ln(1+y) = y
	}
	return max(z, 0) + log1p(y)
}

// log1p returns ln(1+y) for y in [0, 1], with relative error below
// 1e-15 and the same bits on every platform (see expNeg).
//
// It writes 1+y = c·(1+r), where c = 1 + j/64 is the nearest of 65 points
// in [1, 2] and |r| ≤ 1/128, so that ln(1+y) = ln c + ln(1+r): ln c is read
// from a table and ln(1+r) = r − r²/2 + r³/3 − ... is a short series.
func log1p(y float64) float64 {
	j := int(float64(y*64) + 0.5)
	c := 1 + float64(float64(j)/64)
	r := (y - float64(float64(j)/64)) / c // the subtraction is exact
	// r − r²/2 + r³/3 − r⁴/4 + r⁵/5 − r⁶/6 + r⁷/7; the next term is below
	// 1e-17 relative.
	r2 := float64(r * r)
	odd := float64(r2*(float64(r2*(1.0/7))+1.0/5)) + 1.0/3
	even := float64(r2*(float64(r2*(-1.0/6))-1.0/4)) - 1.0/2
	s := float64(r*odd) + even
	return log1pTable[j] + (r + float64(r2*s))
}

// log1pTable[j] is ln(1 + j/64).
var log1pTable [65]float64

func init() {
	// ln c = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + ...) with s = (c−1)/(c+1)
	// ≤ 1/3. Summed with this package's own arithmetic, rather than
	// math.Log, whose last bit may differ between processors.
	for j := range log1pTable {
		c := 1 + float64(float64(j)/64)
		s := (c - 1) / (c + 1)
		s2 := float64(s * s)
		// Horner's rule from the smallest term up; s^80 < 1e-38.
		acc := 0.0
		for k := 79; k >= 1; k -= 2 {
			acc = 1/float64(k) + float64(s2*acc)
		}
		log1pTable[j] = 2 * float64(s*acc)
	}
}
