package boolfn_test

import (
	"fmt"
	"strings"

	"github.com/neuronlab/neuron/boolfn"
)

// Functions come by name, table, family or expression; one neuron can
// learn those that are linearly separable.
func Example() {
	for _, s := range []string{"and", "xor", "0111", "majority3", "parity3", "a & !b | c"} {
		f, err := boolfn.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		sep, err := boolfn.Separable(f.Dataset())
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-10s inputs %v  table %s  one neuron: %v\n", f.Name, f.Vars, f.TableString(), sep.Separable)
	}
	// Output:
	// and        inputs [a b]  table 0001  one neuron: true
	// xor        inputs [a b]  table 0110  one neuron: false
	// 0111       inputs [a b]  table 0111  one neuron: true
	// majority3  inputs [a b c]  table 00010111  one neuron: true
	// xor3       inputs [a b c]  table 01101001  one neuron: false
	// a & !b | c inputs [a b c]  table 01011101  one neuron: true
}

func ExampleParseExpr() {
	f, err := boolfn.ParseExpr("maj(x1, x2, x10) & !x2 | x10 ^ x1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(f.Vars, " "), "| out")
	for r, out := range f.Table {
		fmt.Println(f.Input(r), "|", out)
	}

	_, err = boolfn.ParseExpr("a & | b")
	fmt.Println(err)
	// Output:
	// x1 x2 x10 | out
	// [0 0 0] | false
	// [0 0 1] | true
	// [0 1 0] | false
	// [0 1 1] | true
	// [1 0 0] | true
	// [1 0 1] | true
	// [1 1 0] | true
	// [1 1 1] | false
	// boolfn: expression "a & | b": column 5: unexpected "|"
}

func ExampleSeparable() {
	for _, name := range []string{"and", "xor"} {
		f, _ := boolfn.Lookup(name)
		d := f.Dataset()
		s, err := boolfn.Separable(d)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s:\n%s\n\n", name, s.Explain(d))
	}
	// Output:
	// and:
	// separable: w = (2, 2), b = -3 puts every row on its side:
	// w·x + b > 0 exactly for the rows whose output is 1, where x = (a, b).
	//
	// xor:
	// not separable. With x = (a, b):
	// the rows whose output is 1, (0, 1) and (1, 0), average to (1/2, 1/2);
	// the rows whose output is 0, (0, 0) and (1, 1), average to (1/2, 1/2) too.
	// The boundary w·x + b = 0 of a neuron is flat: at an average of rows,
	// w·x + b is the average of the rows' values. So if every 1-row were on its
	// positive side, their average would be there too, and if every 0-row were
	// on its negative side, so would be theirs; but it is the same point.
	// One neuron cannot learn this; a two-layer network with enough hidden
	// neurons can.
}

func ExampleReadTable() {
	const csv = `# implication, rows in any order
p,q,p->q
1,1,1
1,0,0
0,1,1
0,0,1
`
	f, err := boolfn.ReadTable(strings.NewReader(csv), "implies.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Name, f.Vars, f.TableString())

	_, err = boolfn.ReadTable(strings.NewReader("p,q,out\n0,0,1\n0,1,1\n0,0,0\n"), "dup.csv")
	fmt.Println(err)
	// Output:
	// implies.csv [p q] 1101
	// boolfn: table file "dup.csv": line 4: duplicate row for p=0 q=0, first on line 2
}
