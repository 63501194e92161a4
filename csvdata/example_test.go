package csvdata_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
)

const patients = `age;weight;sick
34;71,5;no
58;90,1;yes
41;;no
62;88,0;yes
`

// A file from a spreadsheet, with semicolons, decimal commas and a
// missing value, read whole.
func ExampleRead() {
	tab, err := csvdata.Read(strings.NewReader(patients), "patients.csv", csvdata.Options{DropBad: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("features:", tab.Features, "target:", tab.Target)
	fmt.Println("labels:", tab.Mapping)
	fmt.Printf("%d rows read, %d dropped (%v)\n", tab.RowsRead, tab.RowsDropped, tab.DropReason)
	for i := range tab.Data.Len() {
		x, t := tab.Data.Row(i)
		fmt.Println(x, t)
	}
	// Output:
	// features: [age weight] target: sick
	// labels: "no" → 0, "yes" → 1
	// 4 rows read, 1 dropped (csvdata: patients.csv: line 4, column 2 (weight): missing value)
	// [34 71.5] 0
	// [58 90.1] 1
	// [62 88] 1
}

// Errors say where the problem is.
func ExampleParseError() {
	_, err := csvdata.Read(strings.NewReader("x,y\n1,a\n2.5.1,b\n"), "data.csv", csvdata.Options{})
	fmt.Println(err)
	// Output:
	// csvdata: data.csv: line 3, column 1 (x): "2.5.1": not a number
}

// A target of three classes is learned one against the rest.
func ExampleOptions_positive() {
	const flowers = "petal,species\n1.4,setosa\n4.7,versicolor\n6.0,virginica\n"
	_, err := csvdata.Read(strings.NewReader(flowers), "flowers.csv", csvdata.Options{})
	fmt.Println(err)
	tab, _ := csvdata.Read(strings.NewReader(flowers), "flowers.csv", csvdata.Options{Positive: "setosa"})
	fmt.Println(tab.Mapping, tab.Data.T)
	// Output:
	// csvdata: flowers.csv: column 2 (species): 3 target labels ("setosa", "versicolor", "virginica"): a neuron tells two classes apart; name the positive label to learn it against the rest
	// the rest → 0, "setosa" → 1 [1 0 0]
}

// A file too large for memory is read more than once, a row at a time: a
// first pass learns the labels and the features' scale, later passes
// standardize each row and hand it on (here: print it). Each pass opens
// the file again; here the file is a string.
func Example_streaming() {
	const file = "size,weight,label\n1,10,cat\n2,20,dog\n3,60,dog\n"
	opt := csvdata.Options{}

	// Pass 1.
	rd, err := csvdata.NewReader(strings.NewReader(file), "pets.csv", opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	x := make([]float64, len(rd.Features()))
	var labels csvdata.Labels
	var scaler neuron.Scaler
	for {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		} else if err != nil {
			fmt.Println(err)
			return
		}
		if _, err := labels.Add(label); err != nil {
			fmt.Println(err)
			return
		}
		scaler.Add(x)
	}
	mapping, err := labels.Mapping(opt.Positive)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mapping)

	// Pass 2, and any after it.
	rd, _ = csvdata.NewReader(strings.NewReader(file), "pets.csv", opt)
	for {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		} else if err != nil {
			fmt.Println(err)
			return
		}
		t, _ := mapping.Target(label)
		scaler.ApplyRow(x)
		fmt.Printf("%.3f %v\n", x, t)
	}
	// Output:
	// "cat" → 0, "dog" → 1
	// [-1.225 -0.926] 0
	// [0.000 -0.463] 1
	// [1.225 1.389] 1
}
