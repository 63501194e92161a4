package neuron_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/neuronlab/neuron"
)

// A neuron learns AND as the original demo does: learning rate 0.5, loss goal 1e-10,
// stop as soon as the row just drawn is within the goal.
func Example() {
	data, _ := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	rng := rand.New(rand.NewPCG(1, 0)) // every run is seeded
	n := neuron.NewRandom(2, rng)      // weights and bias from N(0, 1)
	res, _ := neuron.Train(context.Background(), n, data, neuron.Config{Rand: rng})

	fmt.Println(res.Status, "after", res.Iterations, "iterations")
	for i := range data.Len() {
		x, t := data.Row(i)
		fmt.Printf("Expected: %v Actual: %.4f\n", t, n.Output(x))
	}
	// Output:
	// goal met after 44092 iterations
	// Expected: 0 Actual: 0.0000
	// Expected: 0 Actual: 0.0223
	// Expected: 0 Actual: 0.0224
	// Expected: 1 Actual: 0.9737
}

// The whole-table rule StopMax trains until every row's loss is at most
// the goal, here 1e-3 (each output within 0.045 of its target).
func ExampleTrain_wholeTable() {
	data, _ := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 1})
	rng := rand.New(rand.NewPCG(1, 0))
	n := neuron.NewRandom(2, rng)
	res, err := neuron.Train(context.Background(), n, data, neuron.Config{Rand: rng, Stop: neuron.StopMax, Goal: 1e-3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v in %d iterations; %d of %d rows right; largest row loss %.5f\n",
		res.Status, res.Iterations, res.Table.Correct, res.Table.Rows, res.Table.Max)
	// Output:
	// goal met in 11366 iterations; 4 of 4 rows right; largest row loss 0.00100
}

// A two-layer network learns XOR, which one neuron cannot.
func ExampleNet() {
	data, _ := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 0})
	rng := rand.New(rand.NewPCG(2, 0))
	net := neuron.NewNetRandom(2, 2, rng) // 2 inputs, 2 hidden neurons
	res, _ := neuron.Train(context.Background(), net, data, neuron.Config{Rand: rng, Stop: neuron.StopMax})
	fmt.Println(res.Status, "after", res.Iterations, "iterations")
	for i := range data.Len() {
		x, t := data.Row(i)
		fmt.Printf("%v → %.2f (expected %v)\n", x, net.Output(x), t)
	}
	// Output:
	// goal met after 10348 iterations
	// [0 0] → 0.04 (expected 0)
	// [0 1] → 0.96 (expected 1)
	// [1 0] → 0.96 (expected 1)
	// [1 1] → 0.04 (expected 0)
}

// A Neuron's gradient, by the original demo's formula (o−t)·o·(1−o)·x.
func ExampleNeuron_Gradient() {
	n := &neuron.Neuron{W: []float64{0.5, -1}, Bias: 0.25}
	g := neuron.New(2)
	o, loss := n.Gradient([]float64{1, 1}, 1, neuron.SquaredError, g)
	fmt.Printf("o = %.4f, loss = %.4f, dL/dw = [%.4f %.4f], dL/db = %.4f\n", o, loss, g.W[0], g.W[1], g.Bias)
	// Output:
	// o = 0.4378, loss = 0.1580, dL/dw = [-0.1384 -0.1384], dL/db = -0.1384
}
