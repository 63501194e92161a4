package boolfn

import (
	"slices"
	"strings"
	"testing"
)

// The 16 two-input functions by hand, rows 00, 01, 10, 11, with every
// name and alias.
var namedTables = []struct {
	table string
	names []string
}{
	{"0000", []string{"false", "zero", "contradiction"}},
	{"0001", []string{"and", "conjunction"}},
	{"0010", []string{"a-and-not-b", "inhibition", "a-nimplies-b", "nimplies"}},
	{"0011", []string{"a"}},
	{"0100", []string{"not-a-and-b", "b-and-not-a", "b-nimplies-a"}},
	{"0101", []string{"b"}},
	{"0110", []string{"xor", "neq", "exclusive-or"}},
	{"0111", []string{"or", "disjunction"}},
	{"1000", []string{"nor", "not-or"}},
	{"1001", []string{"xnor", "equiv", "iff", "eq", "equivalence", "biconditional"}},
	{"1010", []string{"not-b"}},
	{"1011", []string{"b-implies-a", "converse", "a-if-b"}},
	{"1100", []string{"not-a"}},
	{"1101", []string{"implies", "a-implies-b", "imply", "implication", "b-if-a"}},
	{"1110", []string{"nand", "not-and"}},
	{"1111", []string{"true", "one", "tautology"}},
}

func TestNamed(t *testing.T) {
	fs := Named()
	if len(fs) != 16 {
		t.Fatalf("len(Named()) = %d, want 16", len(fs))
	}
	for k, f := range fs {
		want := namedTables[k]
		if got := f.TableString(); got != want.table {
			t.Errorf("Named()[%d] (%s) table = %s, want %s", k, f.Name, got, want.table)
		}
		if f.Name != want.names[0] {
			t.Errorf("Named()[%d].Name = %q, want %q", k, f.Name, want.names[0])
		}
		if !slices.Equal(f.Vars, []string{"a", "b"}) {
			t.Errorf("Named()[%d].Vars = %q, want [a b]", k, f.Vars)
		}
	}
	// Each call returns new Funcs.
	fs[1].Table[0] = true
	if Named()[1].Table[0] {
		t.Errorf("changing a Func from Named changed the next call's")
	}
}

func TestLookupNames(t *testing.T) {
	for _, nt := range namedTables {
		for _, name := range nt.names {
			// Names are case-insensitive and take _ for -.
			for _, spelling := range []string{name, strings.ToUpper(name), strings.ReplaceAll(name, "-", "_")} {
				f, err := Lookup(spelling)
				if err != nil {
					t.Errorf("Lookup(%q): %v", spelling, err)
					continue
				}
				if got := f.TableString(); got != nt.table {
					t.Errorf("Lookup(%q) table = %s, want %s", spelling, got, nt.table)
				}
				if f.Name != nt.names[0] {
					t.Errorf("Lookup(%q).Name = %q, want %q", spelling, f.Name, nt.names[0])
				}
			}
		}
	}
}

func TestLookupErrors(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"frobnicate", `boolfn: unknown function "frobnicate": want false, and, a-and-not-b,`},
		{"and0", `boolfn: function "and0": 0 inputs, want 1 to 16 (MaxInputs)`},
		{"and17", `boolfn: function "and17": 17 inputs, want 1 to 16 (MaxInputs)`},
		{"parity99999999999999999999", "want 1 to 16"},
		{"maj", "unknown function"},
		{"", "unknown function"},
		{"foo3", `unknown function "foo3"`},
	} {
		f, err := Lookup(tc.name)
		if err == nil {
			t.Errorf("Lookup(%q) = %s, want an error", tc.name, f.TableString())
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("Lookup(%q) error = %q, want one line containing %q", tc.name, msg, tc.want)
		}
	}
}

// TestFamilies checks the families against a direct count of the ones in
// each row.
func TestFamilies(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		want func(ones, n int) bool
	}{
		{"and3", 3, func(k, n int) bool { return k == n }},
		{"or8", 8, func(k, n int) bool { return k >= 1 }},
		{"nand4", 4, func(k, n int) bool { return k != n }},
		{"nor5", 5, func(k, n int) bool { return k == 0 }},
		{"majority5", 5, func(k, n int) bool { return k >= 3 }},
		{"maj4", 4, func(k, n int) bool { return k >= 3 }}, // more than half of 4
		{"MAJ_1", 1, func(k, n int) bool { return k == 1 }},
		{"parity4", 4, func(k, n int) bool { return k%2 == 1 }},
		{"xor16", 16, func(k, n int) bool { return k%2 == 1 }},
		{"xnor3", 3, func(k, n int) bool { return k%2 == 0 }},
		{"and-2", 2, func(k, n int) bool { return k == n }},
	} {
		f, err := Lookup(tc.name)
		if err != nil {
			t.Errorf("Lookup(%q): %v", tc.name, err)
			continue
		}
		if f.Inputs() != tc.n || f.Rows() != 1<<tc.n || len(f.Table) != 1<<tc.n {
			t.Errorf("Lookup(%q): %d inputs, %d rows, want %d, %d", tc.name, f.Inputs(), f.Rows(), tc.n, 1<<tc.n)
			continue
		}
		if !slices.Equal(f.Vars, letters(tc.n)) {
			t.Errorf("Lookup(%q).Vars = %q, want %q", tc.name, f.Vars, letters(tc.n))
		}
		for r, got := range f.Table {
			ones := 0
			for _, v := range f.Input(r) {
				ones += int(v)
			}
			if want := tc.want(ones, tc.n); got != want {
				t.Errorf("%s(%v) = %v, want %v", tc.name, f.Input(r), got, want)
				break
			}
		}
	}
	if f, _ := Lookup("Parity4"); f.Name != "xor4" {
		t.Errorf(`Lookup("Parity4").Name = %q, want "xor4"`, f.Name)
	}
}

func TestInputAndDataset(t *testing.T) {
	f, err := Lookup("a-and-not-b")
	if err != nil {
		t.Fatal(err)
	}
	wantX := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	wantT := []float64{0, 0, 1, 0}
	for r := range 4 {
		if got := f.Input(r); !slices.Equal(got, wantX[r]) {
			t.Errorf("Input(%d) = %v, want %v", r, got, wantX[r])
		}
	}
	d := f.Dataset()
	if err := d.Validate(); err != nil {
		t.Fatalf("Dataset() is not valid: %v", err)
	}
	if d.Inputs != 2 || d.Len() != 4 || !slices.Equal(d.Names, []string{"a", "b"}) {
		t.Errorf("Dataset() = %d inputs, %d rows, names %q; want 2, 4, [a b]", d.Inputs, d.Len(), d.Names)
	}
	for r := range 4 {
		x, tg := d.Row(r)
		if !slices.Equal(x, wantX[r]) || tg != wantT[r] {
			t.Errorf("Dataset().Row(%d) = %v, %v; want %v, %v", r, x, tg, wantX[r], wantT[r])
		}
	}
	// Row r's bits, first input most significant, for three inputs.
	g, _ := ParseTable("00000001")
	if got, want := g.Input(6), []float64{1, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("Input(6) of 3 inputs = %v, want %v", got, want)
	}
}

// TestParsePrecedence checks what Parse takes s for: digits are a table,
// then names, then expressions.
func TestParsePrecedence(t *testing.T) {
	for _, tc := range []struct {
		s, name, table string
		vars           []string
	}{
		{"0110", "0110", "0110", []string{"a", "b"}},         // a table, not a name
		{" 0001 ", "0001", "0001", []string{"a", "b"}},       // spaces ignored
		{"01", "01", "01", []string{"a"}},                    // one input
		{"XOR", "xor", "0110", []string{"a", "b"}},           // a name
		{"a", "a", "0011", []string{"a", "b"}},               // the named function a
		{"b", "b", "0101", []string{"a", "b"}},               // and b
		{"(c)", "(c)", "01", []string{"c"}},                  // an expression of one input
		{"and3", "and3", "00000001", letters(3)},             // a family
		{"a & b", "a & b", "0001", []string{"a", "b"}},       // an expression
		{"!a", "!a", "10", []string{"a"}},                    // an expression
		{"xor(b, a)", "xor(b, a)", "0110", letters(2)},       // a function call, not the name
		{"!!foo3", "!!foo3", "01", []string{"foo3"}},         // not a family: a variable
		{"maj5", "majority5", "", letters(5)},                // a family alias
		{"implies", "implies", "1101", []string{"a", "b"}},   // a name that is not an operator
		{"a1 | a0", "a1 | a0", "0111", []string{"a0", "a1"}}, // sorted
	} {
		f, err := Parse(tc.s)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.s, err)
			continue
		}
		if f.Name != tc.name || (tc.table != "" && f.TableString() != tc.table) || !slices.Equal(f.Vars, tc.vars) {
			t.Errorf("Parse(%q) = %q %s %q, want %q %s %q", tc.s, f.Name, f.TableString(), f.Vars, tc.name, tc.table, tc.vars)
		}
	}
	for _, tc := range []struct{ s, want string }{
		{"0120", `boolfn: table "0120": column 3: "2" is not 0 or 1`}, // digits: a table
		{"and17", `boolfn: function "and17": 17 inputs`},              // a family, out of range
		{"a &", `boolfn: expression "a &": column 4: unexpected end of expression`},
		{"", `boolfn: expression "": empty`},
		{"c", `boolfn: unknown function "c"`},       // one word: a name or nothing
		{"nad", `boolfn: unknown function "nad"`},   // a misspelt name
		{"foo3", `boolfn: unknown function "foo3"`}, // not a family
	} {
		_, err := Parse(tc.s)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tc.s, err, tc.want)
		}
	}
}
