package web

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
)

// Tolerances of the picture's lines.
const (
	onLine = 1e-9 // a point computed on a straight line: rounding only
	// onCurve bounds how far from 0.5 the output is at a point of the
	// traced boundary of a network: linear interpolation of the logit
	// between grid nodes 1/24 apart.
	onCurve = 0.01
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		a, b, c float64
		want    []float64 // nil: misses the square
	}{
		{1, 1, -1.5, []float64{0.25, 1.25, 1.25, 0.25}}, // x + y = 1.5
		{1, 0, -0.5, []float64{0.5, -0.25, 0.5, 1.25}},  // x = 0.5
		{0, 2, -1, []float64{-0.25, 0.5, 1.25, 0.5}},    // y = 0.5
		{1, -1, 0, []float64{-0.25, -0.25, 1.25, 1.25}}, // the diagonal, through two corners
		{1, 1, 10, nil},   // far away
		{0, 0, 1, nil},    // no line: the same output everywhere
		{1, 1, -2.5, nil}, // touches a corner only
	} {
		got := clip(c.a, c.b, c.c)
		if len(c.want) == 0 {
			if len(got) != 0 {
				t.Errorf("clip(%v, %v, %v) = %v, want nothing", c.a, c.b, c.c, got)
			}
			continue
		}
		same := func(p, q []float64) bool {
			return math.Abs(p[0]-q[0]) < onLine && math.Abs(p[1]-q[1]) < onLine
		}
		ok := len(got) == 4 && (same(got[:2], c.want[:2]) && same(got[2:], c.want[2:]) || same(got[:2], c.want[2:]) && same(got[2:], c.want[:2]))
		if !ok {
			t.Errorf("clip(%v, %v, %v) = %v, want %v", c.a, c.b, c.c, got, c.want)
		}
	}
}

// TestContourOfANeuron: the traced boundary of one neuron lies on its
// straight line, since the logit of its output is its excitation, which
// linear interpolation follows exactly.
func TestContourOfANeuron(t *testing.T) {
	n := &neuron.Neuron{W: []float64{6.28, -3.1}, Bias: 0.7}
	v := view{x: 0, y: 1, fixed: []float64{0, 0}}
	_, logit := grid(n, v, true)
	segs := contour(logit, gridSize, areaLo, areaHi)
	if len(segs) == 0 {
		t.Fatal("no boundary traced")
	}
	for k := 0; k < len(segs); k += 2 {
		if u := n.Excitation(segs[k : k+2]); math.Abs(u) > 1e-6 {
			t.Errorf("point (%v, %v) of the boundary has excitation %v, want 0", segs[k], segs[k+1], u)
		}
	}
	l := newLine(n, v)
	if math.Abs(float64(l.WX)-6.28) > onLine || math.Abs(float64(l.WY)+3.1) > onLine || math.Abs(float64(l.C)-0.7) > onLine {
		t.Errorf("line %+v, want 6.28·x − 3.1·y + 0.7", l)
	}
}

// TestContourOfANetwork: the traced boundary of a network that learned
// XOR has the output 0.5 along it, and separates the rows.
func TestContourOfANetwork(t *testing.T) {
	s := run.Default()
	s.Func, s.Hidden, s.Seed = "xor", 2, 3
	p, err := run.Prepare(s, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Train(context.Background(), run.Options{})
	if err != nil || out.Status != neuron.GoalMet {
		t.Fatalf("%v, %v", out.Status, err)
	}
	f := newFrame(p, view{x: 0, y: 1, fixed: []float64{0, 0}}, out.Model, out.Iterations)
	if len(f.Boundary) < 8 || len(f.Hidden) != 2 || len(f.Wrong) != 0 {
		t.Fatalf("boundary of %d numbers, %d hidden lines, wrong rows %v", len(f.Boundary), len(f.Hidden), f.Wrong)
	}
	for k := 0; k < len(f.Boundary); k += 2 {
		x := []float64{float64(f.Boundary[k]), float64(f.Boundary[k+1])}
		if o := out.Model.Output(x); math.Abs(o-0.5) > onCurve {
			t.Errorf("the output at (%v, %v) on the boundary is %v, want 0.5 ± %v", x[0], x[1], o, onCurve)
		}
	}
	for j, h := range f.Hidden {
		hn := out.Model.(*neuron.Net).HiddenNeuron(j)
		for k := 0; k < len(h); k += 2 {
			if u := hn.Excitation([]float64{float64(h[k]), float64(h[k+1])}); math.Abs(u) > 1e-3 { // coordinates kept to 1e-4
				t.Errorf("hidden neuron %d: excitation %v on its line", j+1, u)
			}
		}
	}
}

func TestFilled(t *testing.T) {
	for _, c := range []struct {
		w    []float64
		b    float64
		want string
	}{
		{[]float64{7.39156, 7.38524}, -11.1665, "u = 7.392·a + 7.385·b − 11.17"},
		{[]float64{-0.5, 0}, 0.25, "u = −0.5·a + 0·b + 0.25"},
	} {
		if got := filled("u", c.w, []string{"a", "b"}, c.b); got != c.want {
			t.Errorf("filled(%v, %v) = %q, want %q", c.w, c.b, got, c.want)
		}
	}
}

// A fakeClock is a pacer's clock in a test: time passes only when the
// test says, or when the pacer sleeps.
type fakeClock struct {
	t     time.Time
	slept time.Duration
}

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	if d > 0 {
		c.t = c.t.Add(d)
		c.slept += d
	}
	return nil
}

// TestPacer runs the pacer against a fake clock, each iteration taking
// step of compute: frames are never more than fps a second, nor far
// apart; paced runs show speed iterations a second, every one of them up
// to fps; and at full speed the pacer never sleeps: training speed does
// not depend on the frames.
func TestPacer(t *testing.T) {
	const (
		from    = 100
		length  = time.Second
		slack   = time.Millisecond // a sleep's precision, in the real clock
		lateGap = 2 * frameGap     // frames may be this far apart at most
	)
	for _, c := range []struct {
		speed int
		step  time.Duration
	}{
		{1, 100 * time.Nanosecond}, {20, 100 * time.Nanosecond}, {30, 100 * time.Nanosecond}, {100, 100 * time.Nanosecond},
		{2000, 100 * time.Nanosecond}, {1_000_000, 100 * time.Nanosecond},
		{1_000_000, 2 * time.Microsecond}, // training slower than the speed asked
		{0, 100 * time.Nanosecond}, {0, 5 * time.Microsecond},
	} {
		clk := &fakeClock{t: time.Unix(1e9, 0)}
		p := newPacer(from, c.speed)
		p.now, p.sleep = clk.now, clk.sleep
		p.begin(clk.now())
		start := clk.t
		var at []time.Time
		var its []int
		i := from
		for clk.t.Sub(start) < length {
			i++
			clk.t = clk.t.Add(c.step)
			if i < p.next {
				continue
			}
			if send, _ := p.look(context.Background(), i); send {
				at, its = append(at, clk.t), append(its, i)
			}
		}
		for k := 1; k < len(at); k++ {
			gap := at[k].Sub(at[k-1])
			if gap < frameGap-slack || gap > lateGap && gap > time.Second/time.Duration(max(c.speed, 1))+slack {
				t.Errorf("speed %d, %v an iteration: frames %d and %d are %v apart", c.speed, c.step, k-1, k, gap)
				break
			}
		}
		elapsed := clk.t.Sub(start).Seconds()
		done := float64(i - from)
		switch {
		case c.speed == 0 || c.step > time.Second/time.Duration(c.speed):
			// Training as fast as it goes: no sleeping, so no iteration
			// waits for a frame.
			if clk.slept != 0 {
				t.Errorf("speed %d, %v an iteration: slept %v", c.speed, c.step, clk.slept)
			}
		case math.Abs(done-float64(c.speed)*elapsed) > float64(c.speed)/fps+1:
			t.Errorf("speed %d: %v iterations in %.3fs, want %v a second", c.speed, done, elapsed, c.speed)
		}
		if c.speed > 0 && c.speed <= fps {
			for k := 1; k < len(its); k++ {
				if its[k] != its[k-1]+1 {
					t.Errorf("speed %d: frames at iterations %d then %d, want each iteration", c.speed, its[k-1], its[k])
					break
				}
			}
		}
		// A frame falls on an iteration: above fps iterations a second,
		// frames are as many iterations apart as make at least frameGap.
		want := float64(c.speed)
		if c.speed > fps {
			want /= math.Ceil(float64(c.speed) / fps)
		}
		if c.speed > 0 && c.step < time.Second/time.Duration(c.speed) && float64(len(at)) < 0.9*want*length.Seconds() {
			t.Errorf("speed %d: %d frames in %v, want about %v a second", c.speed, len(at), length, want)
		}
	}
}
