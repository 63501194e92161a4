package neuron_test

import (
	"fmt"

	"github.com/neuronlab/neuron"
)

// Features are standardized with statistics of the training rows only.
func ExampleFitScaler() {
	d, _ := neuron.NewDataset([][]float64{{1, 100}, {3, 100}, {5, 100}, {100, 7}}, []float64{0, 1, 0, 1})
	train := []int{0, 1, 2} // row 3 is held out
	s := neuron.FitScaler(d, train)
	fmt.Printf("mean %v, std %.4f\n", s.Mean, s.Std)
	s.Apply(d)
	for i := range d.Len() {
		x, _ := d.Row(i)
		fmt.Printf("%.4f\n", x)
	}
	// Output:
	// mean [3 100], std [1.6330 1.0000]
	// [-1.2247 0.0000]
	// [0.0000 0.0000]
	// [1.2247 0.0000]
	// [59.4001 -93.0000]
}
