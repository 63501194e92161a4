package neuron_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/neuronlab/neuron"
)

// A trained neuron is saved as JSON, with a note of how it was trained,
// and loaded back; the loaded neuron gives exactly the same outputs.
func ExampleSave() {
	data, _ := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 1})
	rng := rand.New(rand.NewPCG(1, 0))
	n := neuron.NewRandom(2, rng)
	res, _ := neuron.Train(context.Background(), n, data, neuron.Config{Rand: rng, Stop: neuron.StopMax})

	var file bytes.Buffer // a file, or any io.Writer
	info := &neuron.ModelInfo{Data: "or", Names: []string{"a", "b"}, Seed: 1, Iterations: res.Iterations}
	if err := neuron.Save(&file, n, info); err != nil {
		fmt.Println(err)
		return
	}
	m, gotInfo, err := neuron.Load(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loaded a %d-input model of %s, trained for %d iterations\n", m.Inputs(), gotInfo.Data, gotInfo.Iterations)
	x := []float64{0, 1}
	fmt.Println("same output:", m.Output(x) == n.Output(x))
	// Output:
	// loaded a 2-input model of or, trained for 11366 iterations
	// same output: true
}

// Load checks what it reads and says what is wrong, in one line.
func ExampleLoad() {
	file := bytes.NewBufferString(`{"format": "neuron-model", "version": 2, "kind": "neuron",
		"inputs": 3, "weights": [1, 2], "bias": 0}`)
	_, _, err := neuron.Load(file)
	fmt.Println(err)
	// Output:
	// neuron: model: neuron has 2 weights, want 3
}

// A History keeps the loss curve of a run in bounded memory: here at most
// 5 points, spread over the whole run, from the start to the end.
func ExampleHistory() {
	data, _ := neuron.NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	rng := rand.New(rand.NewPCG(1, 0))
	n := neuron.NewRandom(2, rng)
	h := &neuron.History{Data: data, Max: 5}
	h.Add(n, 0) // the start
	res, _ := neuron.Train(context.Background(), n, data, neuron.Config{Rand: rng, Stop: neuron.StopMax, Progress: h.Record})
	h.Add(n, res.Iterations) // the end

	for _, p := range h.Points {
		fmt.Printf("iteration %5d: mean loss %.4f, largest %.4f\n", p.Iteration, p.Mean, p.Max)
	}
	// Output:
	// iteration     0: mean loss 0.1149, largest 0.2493
	// iteration  4096: mean loss 0.0028, largest 0.0040
	// iteration  8192: mean loss 0.0013, largest 0.0021
	// iteration 12288: mean loss 0.0008, largest 0.0015
	// iteration 15891: mean loss 0.0006, largest 0.0010
}

// ParseStop reads a stop rule by the name a user types, as the command's
// --stop flag does.
func ExampleParseStop() {
	for _, name := range []string{"max", "row", "never"} {
		stop, err := neuron.ParseStop(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: default goal %g\n", stop, neuron.DefaultGoal(stop, neuron.SquaredError))
	}
	// Output:
	// max: default goal 0.001
	// row: default goal 1e-10
	// neuron: unknown stop rule "never" (want row, max, mean or none)
}
