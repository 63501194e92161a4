package plot

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/stats"
)

// maxStatsSVG is the most bytes a picture of many runs may take as SVG.
const maxStatsSVG = 150_000

// madeRuns returns a made-up summary: a run that met the goal in each
// number of iterations of its, then runs that failed, as failed says.
func madeRuns(its []int, failed stats.Failures) *stats.Summary {
	s := &stats.Summary{Setup: run.Default(), Failed: failed, Goal: stats.Describe(its)}
	for _, n := range its {
		s.Runs = append(s.Runs, stats.Run{Status: neuron.GoalMet, Attempts: 1, Iterations: n, Last: n})
	}
	for _, f := range []struct {
		n int
		s neuron.Status
	}{{failed.Cap, neuron.IterationLimit}, {failed.Stalled, neuron.Stalled}, {failed.Saturated, neuron.Saturated}, {failed.Diverged, neuron.Diverged}} {
		for range f.n {
			s.Runs = append(s.Runs, stats.Run{Status: f.s, Attempts: 1, Iterations: 1000, Last: 1000})
		}
	}
	for i := range s.Runs {
		s.Runs[i].Seed = uint64(i + 1)
	}
	s.Asked = len(s.Runs)
	return s
}

// hundred returns 100 counts, 10,000 to 19,900 in steps of 100, whose
// percentiles are easy to work out by hand: the k-th smallest is
// 9,900 + 100k, so the 10th percentile is 10,900, the median 14,900 and
// the 90th percentile 18,900; the mean is 14,950.
func hundred() []int {
	v := make([]int, 100)
	for i := range v {
		v[i] = 10_000 + 100*i
	}
	return v
}

func TestWriteHistogramPNG(t *testing.T) {
	s := madeRuns(hundred(), stats.Failures{})
	var b bytes.Buffer
	if err := WriteHistogram(&b, PNG, s, HistogramOptions{Labels: Labels{Title: "made up"}, Mark: 14_950}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	if n := count(img, rgba(statsPale)); n < 20_000 {
		t.Errorf("%d pixels of the bars' colour, want bars", n)
	}
	if n := count(img, rgba(statsRed)); n < 500 {
		t.Errorf("%d pixels of the mark's colour, want a line across the picture", n)
	}
}

func TestWriteHistogramSVG(t *testing.T) {
	s := madeRuns(hundred(), stats.Failures{Cap: 2, Stalled: 1})
	s.Runs[0].Attempts = 2
	var b bytes.Buffer
	o := HistogramOptions{Labels: Labels{Title: "and: many runs", Subtitle: "learning rate 0.5"}, Mark: 14_950, MarkName: "a run to mark"}
	if err := WriteHistogram(&b, SVG, s, o); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxStatsSVG)
	for _, want := range []string{">and: many runs<", ">learning rate 0.5<", ">iterations to the goal (log scale)<", ">runs<",
		">runs that met the goal: 100<", ">median: 14,900<", "10,900 to 18,900<", ">mean: 14,950<",
		">14,950, a run to mark:<", "50.0% of runs took at most this<", // 10,000 … 14,900 of the hundred
		">failed, not shown: 3 of 103<", "(2 reached the cap, 1 stalled)<", ">1 run restarted: their count<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("histogram SVG does not show %q", want)
		}
	}
}

// TestWriteHistogramEdges: a mark beyond every run, runs that all took
// the same count, and a run that met the goal at its start draw.
func TestWriteHistogramEdges(t *testing.T) {
	for name, c := range map[string]struct {
		its  []int
		mark float64
		want string
	}{
		"mark above all": {hundred(), 1e6, "every run took at most this<"},
		"mark below all": {hundred(), 10, "every run took more<"},
		"all the same":   {[]int{500, 500, 500}, 0, ">median: 500<"},
		"met at start":   {[]int{0, 3, 40}, 0, ">median: 3<"},
	} {
		var b bytes.Buffer
		if err := WriteHistogram(&b, SVG, madeRuns(c.its, stats.Failures{}), HistogramOptions{Mark: c.mark}); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkSVG(t, b.Bytes(), maxStatsSVG)
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("%s: histogram SVG does not show %q", name, c.want)
		}
	}
}

func TestWriteHistogramErrors(t *testing.T) {
	ok := madeRuns(hundred(), stats.Failures{})
	for name, c := range map[string]struct {
		s    *stats.Summary
		f    Format
		mark float64
		want string
	}{
		"nil":        {nil, PNG, 0, "no runs"},
		"none met":   {madeRuns(nil, stats.Failures{Saturated: 4}), PNG, 0, "none of the 4 runs met the goal (4 saturated)"},
		"format":     {ok, Format(9), 0, "unknown format"},
		"negative":   {ok, PNG, -1, "positive number"},
		"not a mark": {ok, PNG, math.NaN(), "positive number"},
	} {
		var b bytes.Buffer
		err := WriteHistogram(&b, c.f, c.s, HistogramOptions{Mark: c.mark})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written with the error", name, b.Len())
		}
	}
}

func TestWriteHistogramDeterministic(t *testing.T) {
	var b1, b2 bytes.Buffer
	for _, b := range []*bytes.Buffer{&b1, &b2} {
		if err := WriteHistogram(b, PNG, madeRuns(hundred(), stats.Failures{Cap: 1}), HistogramOptions{Mark: 12_345}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two histogram PNGs of the same runs differ")
	}
}

// TestHistBins checks the bins against counts worked by hand: of the
// counts 1 … 1000, the 0.5th percentile is the 5th smallest, 5, and the
// 99.5th the 995th, 995, so 4 counts fall below the bins and 5 above.
func TestHistBins(t *testing.T) {
	const tol = 1e-12
	its := make([]int, 1000)
	for i := range its {
		its[i] = i + 1
	}
	bins, below, above := histBins(its)
	if below != 4 || above != 5 {
		t.Errorf("%d below and %d above the bins, want 4 and 5", below, above)
	}
	if lo, hi := bins[0].Min, bins[len(bins)-1].Max; math.Abs(lo-math.Log10(5)) > tol || math.Abs(hi-math.Log10(995)) > tol {
		t.Errorf("bins span %v to %v, want log10(5) to log10(995)", lo, hi)
	}
	total := 0.0
	width := bins[0].Max - bins[0].Min
	for i, b := range bins {
		total += b.Weight
		if math.Abs(b.Max-b.Min-width) > tol || (i > 0 && b.Min != bins[i-1].Max) {
			t.Errorf("bin %d is [%v, %v]: want bins of one width, edge to edge", i, b.Min, b.Max)
		}
	}
	if total != 991 {
		t.Errorf("bins hold %v counts, want 991", total)
	}
	if len(bins) < 5 || len(bins) > 50 {
		t.Errorf("%d bins, want 5 to 50", len(bins))
	}

	bins, below, above = histBins([]int{7, 7, 7})
	if below != 0 || above != 0 || bins[0].Min >= math.Log10(7) || bins[len(bins)-1].Max <= math.Log10(7) {
		t.Errorf("equal counts: bins [%v, %v], %d below, %d above; want them all inside", bins[0].Min, bins[len(bins)-1].Max, below, above)
	}
}

// labels returns the labelled ticks' labels, in order, and checks that
// each is drawn at the log10 of the number it names.
func tickLabels(t *testing.T, lo, hi float64) []string {
	t.Helper()
	const tol = 1e-9
	var out []string
	for _, tk := range (logTicks{}).Ticks(math.Log10(lo), math.Log10(hi)) {
		if tk.Label == "" {
			continue
		}
		v, err := run.ParseNumber(strings.ReplaceAll(tk.Label, ",", ""))
		if err != nil || math.Abs(tk.Value-math.Log10(v)) > tol {
			t.Errorf("tick %q is at %v, want log10 of its number", tk.Label, tk.Value)
		}
		out = append(out, tk.Label)
	}
	return out
}

func TestLogTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{0.05, 20, []string{"0.1", "0.3", "1", "3", "10"}},                           // 1 and 3 per decade
		{8000, 3e6, []string{"10,000", "100,000", "1,000,000"}},                      // long labels: powers only
		{12_000, 60_000, []string{"20,000", "30,000", "40,000", "50,000", "60,000"}}, // under a decade: an even scale
		{43_300, 44_900, []string{"43,500", "44,000", "44,500"}},
		{1, 1e9, []string{"1", "1,000", "1,000,000", "1,000,000,000"}}, // every third power
	} {
		if got := tickLabels(t, c.lo, c.hi); !slices.Equal(got, c.want) {
			t.Errorf("ticks from %v to %v labelled %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

// TestStatsPictures writes pictures of real runs to the directory given
// by -pictures, for a person to look at; without it, it is skipped.
func TestStatsPictures(t *testing.T) {
	if *pictures == "" {
		t.Skip("no -pictures directory")
	}
	if err := os.MkdirAll(*pictures, 0o755); err != nil {
		t.Fatal(err)
	}
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
	prepare := func(edit func(s *run.Setup)) *run.Problem {
		s := run.Default()
		edit(&s)
		p, err := run.Prepare(s, run.CommandLimits)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ctx := context.Background()
	demo, err := stats.Many(ctx, prepare(func(s *run.Setup) { s.Stop, s.Goal, s.MaxIter = neuron.StopRow, 1e-10, 0 }), 1000, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write("and-runs", func(w io.Writer, f Format) error {
		return WriteHistogram(w, f, demo, HistogramOptions{
			Labels:   Labels{"and: one neuron, 1,000 runs", "the original demo's rule: learning rate 0.5, stop rule row, goal 1e-10, no cap; seeds 1 to 1,000"},
			Mark:     44_842,
			MarkName: "the original demo's run"})
	})
	xor, err := stats.Many(ctx, prepare(func(s *run.Setup) { s.Func, s.Hidden, s.Restarts = "xor", 2, 3 }), 200, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write("xor-runs", func(w io.Writer, f Format) error {
		return WriteHistogram(w, f, xor, HistogramOptions{Labels: Labels{"xor: a 2-2-1 network, 200 runs", "learning rate 0.5, stop rule max, goal 0.001, up to 3 restarts; seeds 1 to 200"}})
	})
	rates, err := stats.Rates(0.05, 1000, 25)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := stats.SweepRates(ctx, prepare(func(s *run.Setup) { s.MaxIter = 200_000 }), rates, 20, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write("and-sweep", func(w io.Writer, f Format) error {
		return WriteSweep(w, f, sw, Labels{"and: one neuron, 20 runs at each of 25 learning rates", "stop rule max, goal 0.001, cap 200,000"})
	})
}
