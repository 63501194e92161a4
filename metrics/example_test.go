package metrics_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/neuronlab/neuron/metrics"
)

// A classifier's outputs measured against the truth.
func ExampleEvaluate() {
	p := []float64{0.95, 0.7, 0.45, 0.6, 0.2, 0.1}
	t := []float64{1, 1, 1, 0, 0, 0}
	r, err := metrics.Evaluate(p, t, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("accuracy %.3f, precision %.3f, recall %.3f, F1 %.3f\n", r.Accuracy, r.Precision, r.Recall, r.F1)
	fmt.Printf("log-loss %.3f, AUC %.3f\n", r.LogLoss, *r.AUC)
	b, _ := json.Marshal(r.Confusion)
	fmt.Println(string(b))
	// Output:
	// accuracy 0.667, precision 0.667, recall 0.667, F1 0.667
	// log-loss 0.409, AUC 0.889
	// {"tp":2,"fp":1,"tn":2,"fn":1}
}

// Five-fold cross-validation: each row is tested once, by a model
// trained on the other four folds.
func ExampleKFold() {
	t := []float64{0, 0, 0, 0, 0, 0, 1, 1, 1, 1}
	folds, err := metrics.KFold(t, 5, rand.New(rand.NewPCG(1, 0)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, test := range folds {
		train := metrics.TrainRows(folds, i)
		fmt.Println("test", test, "train", train)
	}
	// Output:
	// test [1 3] train [0 2 4 5 6 7 8 9]
	// test [5 7] train [0 1 2 3 4 6 8 9]
	// test [4 9] train [0 1 2 3 5 6 7 8]
	// test [2 8] train [0 1 3 4 5 6 7 9]
	// test [0 6] train [1 2 3 4 5 7 8 9]
}
