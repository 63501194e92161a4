package boolfn

import (
	"fmt"
	"strings"

	"github.com/neuronlab/neuron"
)

// MaxInputs is the largest number of inputs a Func may have. Tables,
// expressions, families and table files with more inputs are rejected;
// a function of 16 inputs has 65,536 rows.
const MaxInputs = 16

// A Func is a boolean function of n inputs, given by its truth table.
//
// Row r of the table holds the function's output for the inputs given by
// the bits of r, the first variable the most significant bit. For two
// inputs a, b the rows are 00, 01, 10, 11: a=0 b=0, a=0 b=1, a=1 b=0,
// a=1 b=1.
type Func struct {
	Name  string   // canonical name ("and", "xor", "and3") or the text it was parsed from
	Vars  []string // input names, one per input, e.g. "a", "b"
	Table []bool   // 2^n outputs, row r's at Table[r]
}

// Inputs returns the number of inputs, n.
func (f *Func) Inputs() int { return len(f.Vars) }

// Rows returns the number of rows of the truth table, 2^n.
func (f *Func) Rows() int { return len(f.Table) }

// Input returns row r's inputs as 0s and 1s, the first input first.
func (f *Func) Input(r int) []float64 {
	n := f.Inputs()
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(r >> (n - 1 - i) & 1) // input i is bit n−1−i of r
	}
	return x
}

// Dataset returns the truth table as a data set: every row, in row order,
// with target 1 where the output is true and 0 where it is false. The
// data set's Names are the function's Vars.
func (f *Func) Dataset() *neuron.Dataset {
	n := f.Inputs()
	d := &neuron.Dataset{
		Inputs: n,
		X:      make([]float64, 0, n*f.Rows()),
		T:      make([]float64, f.Rows()),
		Names:  append([]string(nil), f.Vars...),
	}
	for r, out := range f.Table {
		d.X = append(d.X, f.Input(r)...)
		if out {
			d.T[r] = 1
		}
	}
	return d
}

// TableString returns the truth table as a string of 0s and 1s in row
// order, e.g. "0001" for AND; ParseTable reads it back.
func (f *Func) TableString() string {
	b := make([]byte, len(f.Table))
	for r, out := range f.Table {
		b[r] = '0'
		if out {
			b[r] = '1'
		}
	}
	return string(b)
}

// letters returns the default names of n inputs: a, b, c, ... and, past
// 26 inputs, x1, x2, ..., xn.
func letters(n int) []string {
	v := make([]string, n)
	for i := range v {
		if n <= 26 {
			v[i] = string(rune('a' + i))
		} else {
			v[i] = fmt.Sprintf("x%d", i+1)
		}
	}
	return v
}

// The 16 two-input functions, in the order of their tables read as binary
// numbers: the function at index k has output bit 3−r of k in row r, so
// index 1 ("0001") is AND and index 6 ("0110") is XOR.
var named = [16]struct {
	name    string
	aliases []string
}{
	{"false", []string{"zero", "contradiction"}},
	{"and", []string{"conjunction"}},
	{"a-and-not-b", []string{"inhibition", "a-nimplies-b", "nimplies"}},
	{"a", nil},
	{"not-a-and-b", []string{"b-and-not-a", "b-nimplies-a"}},
	{"b", nil},
	{"xor", []string{"neq", "exclusive-or"}},
	{"or", []string{"disjunction"}},
	{"nor", []string{"not-or"}},
	{"xnor", []string{"equiv", "iff", "eq", "equivalence", "biconditional"}},
	{"not-b", nil},
	{"b-implies-a", []string{"converse", "a-if-b"}},
	{"not-a", nil},
	{"implies", []string{"a-implies-b", "imply", "implication", "b-if-a"}},
	{"nand", []string{"not-and"}},
	{"true", []string{"one", "tautology"}},
}

// namedFunc returns a new Func for the two-input function at index k.
func namedFunc(k int) *Func {
	f := &Func{Name: named[k].name, Vars: letters(2), Table: make([]bool, 4)}
	for r := range f.Table {
		f.Table[r] = k>>(3-r)&1 == 1
	}
	return f
}

// Named returns the 16 two-input functions, false ("0000") to true
// ("1111") in the order of their tables read as binary numbers. Each call
// returns new Funcs.
func Named() []*Func {
	fs := make([]*Func, len(named))
	for k := range fs {
		fs[k] = namedFunc(k)
	}
	return fs
}

// A family is a symmetric function of any number of inputs: its output
// depends only on how many of the n inputs are 1.
type family struct {
	name    string
	aliases []string
	out     func(ones, n int) bool
}

var families = []family{
	{"and", nil, func(k, n int) bool { return k == n }},
	{"or", nil, func(k, n int) bool { return k > 0 }},
	{"nand", nil, func(k, n int) bool { return k < n }},
	{"nor", nil, func(k, n int) bool { return k == 0 }},
	{"xor", []string{"parity"}, func(k, n int) bool { return k%2 == 1 }},
	{"xnor", nil, func(k, n int) bool { return k%2 == 0 }},
	{"majority", []string{"maj"}, func(k, n int) bool { return 2*k > n }}, // more than half
}

// familyFunc returns the n-input member of family fam.
func familyFunc(fam *family, n int) *Func {
	f := &Func{Name: fmt.Sprintf("%s%d", fam.name, n), Vars: letters(n), Table: make([]bool, 1<<n)}
	for r := range f.Table {
		f.Table[r] = fam.out(ones(uint(r)), n)
	}
	return f
}

// ones returns the number of 1 bits in r.
func ones(r uint) int {
	k := 0
	for ; r != 0; r &= r - 1 { // r & (r−1) clears the lowest 1 bit
		k++
	}
	return k
}

// normName folds a name to the form the tables use: lower case, with
// hyphens for underscores.
func normName(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
}

// Lookup returns the function called name: one of the 16 two-input
// functions by its name or an alias (see Named), or a member of a family,
// a family name followed by the number of inputs n, from 1 to MaxInputs:
// and3, or8, nand4, nor5, xor4 (or parity4), xnor3, majority5 (or maj5).
// Names are case-insensitive and may use _ for -. Majority is true when
// more than half of the inputs are 1.
func Lookup(name string) (*Func, error) {
	f, known, err := lookup(name)
	if err != nil {
		return nil, err
	}
	if !known {
		return nil, fmt.Errorf("boolfn: unknown function %q: want %s", name, validNames())
	}
	return f, nil
}

// lookup is Lookup, but reports with known = false, and no error, a name
// that is neither a function nor a family member, so that Parse can try
// it as an expression. A family name with a bad n is an error.
func lookup(name string) (f *Func, known bool, err error) {
	s := normName(name)
	for k, nf := range named {
		if s == nf.name {
			return namedFunc(k), true, nil
		}
		for _, a := range nf.aliases {
			if s == a {
				return namedFunc(k), true, nil
			}
		}
	}
	// A family member is a family name followed by decimal digits.
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	prefix, digits := strings.TrimSuffix(s[:i], "-"), s[i:] // and3 or and-3
	if digits == "" {
		return nil, false, nil
	}
	for fi := range families {
		fam := &families[fi]
		if prefix != fam.name && !contains(fam.aliases, prefix) {
			continue
		}
		n := 0
		for _, c := range digits {
			n = 10*n + int(c-'0')
			if n > MaxInputs {
				break // stop before a long number overflows
			}
		}
		if n < 1 || n > MaxInputs {
			return nil, true, fmt.Errorf("boolfn: function %q: %s inputs, want 1 to %d (MaxInputs)", name, digits, MaxInputs)
		}
		return familyFunc(fam, n), true, nil
	}
	return nil, false, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// validNames lists the names Lookup knows, in one line.
func validNames() string {
	var b strings.Builder
	for k, nf := range named {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(nf.name)
	}
	b.WriteString(" (or an alias), or one of the families ")
	for i, fam := range families {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(fam.name)
		for _, a := range fam.aliases {
			b.WriteString("/" + a)
		}
	}
	fmt.Fprintf(&b, " followed by a number of inputs from 1 to %d, e.g. and3", MaxInputs)
	return b.String()
}

// Parse returns the function that s describes, as a command line gives it:
// a table string (ParseTable) if s is all digits, else a name, alias or
// family member if Lookup knows it, else an expression (ParseExpr) — but
// a single word that is not a known name is an error, not an expression:
// someone who types "nad" means a misspelt name, not the identity function
// of an input called nad. Surrounding spaces are ignored.
//
// The order matters for short texts: Parse("a") is the two-input function
// named "a" (table 0011), while ParseExpr("a") has the one input a.
func Parse(s string) (*Func, error) {
	s = strings.TrimSpace(s)
	if s != "" && strings.Trim(s, "0123456789") == "" {
		return ParseTable(s)
	}
	f, known, err := lookup(s)
	if known {
		return f, err
	}
	if isWord(s) {
		return nil, fmt.Errorf("boolfn: unknown function %q: want %s, a table such as 0110, or an expression such as \"a & !b\"", s, validNames())
	}
	return ParseExpr(s)
}

// isWord reports whether s is one identifier, perhaps with dashes as in
// the names: no operator, parenthesis or space.
func isWord(s string) bool {
	for i, c := range s {
		if !(isLetter(c) || i > 0 && (isDigit(c) || c == '-')) {
			return false
		}
	}
	return s != ""
}
