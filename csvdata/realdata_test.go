package csvdata

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// readTestdata returns a file of the project's testdata folder.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWDBC(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "wdbc.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Read(f, "wdbc.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := tab.Data
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if d.Len() != 569 || d.Inputs != 30 || tab.RowsRead != 569 || tab.RowsDropped != 0 {
		t.Errorf("%d rows of %d features, %d read, %d dropped; want 569 of 30, 569, 0", d.Len(), d.Inputs, tab.RowsRead, tab.RowsDropped)
	}
	if tab.Target != "diagnosis" || tab.Features[0] != "mean_radius" || tab.Features[29] != "worst_fractal_dimension" || !tab.Header || tab.Comma != ',' {
		t.Errorf("target %q, features %q ... %q, header %v, comma %q", tab.Target, tab.Features[0], tab.Features[29], tab.Header, tab.Comma)
	}
	if tab.Mapping != (Mapping{Positive: "malignant", Negative: "benign"}) || tab.Counts != [2]int{357, 212} {
		t.Errorf("mapping %v, counts %v; want malignant → 1, [357 212]", tab.Mapping, tab.Counts)
	}
	// The first row: 17.99, 10.38, ..., 0.1189, malignant.
	x, target := d.Row(0)
	if x[0] != 17.99 || x[1] != 10.38 || x[29] != 0.1189 || target != 1 {
		t.Errorf("row 0 = %v ... %v, target %v", x[:2], x[29], target)
	}
}

func TestIris(t *testing.T) {
	data := readTestdata(t, "iris.csv")
	_, err := Read(strings.NewReader(data), "iris.csv", Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Column != 5 || pe.ColumnName != "species" ||
		!strings.Contains(err.Error(), `3 target labels ("setosa", "versicolor", "virginica")`) {
		t.Errorf("iris without Positive: %v, want an error listing the 3 species", err)
	}
	for _, positive := range []string{"setosa", "versicolor", "virginica"} {
		tab, err := Read(strings.NewReader(data), "iris.csv", Options{Positive: positive})
		if err != nil {
			t.Fatal(err)
		}
		if tab.Data.Len() != 150 || tab.Data.Inputs != 4 || tab.Counts != [2]int{100, 50} ||
			tab.Mapping != (Mapping{Positive: positive, OneVsRest: true}) || tab.Mapping.String() != "the rest → 0, \""+positive+"\" → 1" {
			t.Errorf("iris, %s: %d rows of %d, counts %v, mapping %v", positive, tab.Data.Len(), tab.Data.Inputs, tab.Counts, tab.Mapping)
		}
	}
	// Setosa is the first 50 rows.
	tab, _ := Read(strings.NewReader(data), "iris.csv", Options{Positive: "setosa"})
	if !slices.Equal(tab.Data.T[:50], slices.Repeat([]float64{1}, 50)) || slices.Contains(tab.Data.T[50:], 1) {
		t.Error("setosa is not rows 0 to 49")
	}
}

// Standardized on its training rows, wdbc has features of mean 0 and
// variance 1 there.
func TestScalerWDBC(t *testing.T) {
	tab, err := Read(strings.NewReader(readTestdata(t, "wdbc.csv")), "wdbc.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := tab.Data
	var train []int
	for i := range d.Len() {
		if i%5 != 0 {
			train = append(train, i)
		}
	}
	s := neuron.FitScaler(d, train)
	s.Apply(d)
	const tol = 1e-12
	for j := range d.Inputs {
		var sum, sq float64
		for _, i := range train {
			x, _ := d.Row(i)
			sum += x[j]
			sq += x[j] * x[j]
		}
		n := float64(len(train))
		if mean, variance := sum/n, sq/n-(sum/n)*(sum/n); math.Abs(mean) > tol || math.Abs(variance-1) > tol {
			t.Errorf("feature %s: mean %g, variance %g after scaling; want 0, 1", tab.Features[j], mean, variance)
		}
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}
