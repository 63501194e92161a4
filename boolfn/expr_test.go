package boolfn

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestParseExpr compares expressions with truth tables written by hand,
// rows in the order of the variables sorted.
func TestParseExpr(t *testing.T) {
	for _, tc := range []struct {
		expr, table string
		vars        []string
	}{
		// Precedence: & over ^ over |, ! over all.
		{"a & !b | c", "01011101", letters(3)},  // (a & !b) | c
		{"a | b & c", "00011111", letters(3)},   // a | (b & c)
		{"(a | b) & c", "00010101", letters(3)}, // parentheses
		{"a ^ b & c", "00011110", letters(3)},   // a ^ (b & c)
		{"a | b ^ c", "01101111", letters(3)},   // a | (b ^ c)
		{"a ^ b | c", "01111101", letters(3)},   // (a ^ b) | c
		{"!a & b", "0100", letters(2)},          // (!a) & b
		{"!(a & b)", "1110", letters(2)},        // nand
		{"!!a", "01", letters(1)},               // double negation
		{"~a + b * !c", "11110010", letters(3)}, // other spellings
		{"a || b && c", "00011111", letters(3)}, // C's spellings
		{"a or not b and c", "01001111", letters(3)},
		{"A XOR B", "0110", []string{"A", "B"}}, // words are case-insensitive
		{"(a | b) & !(a & b)", "0110", letters(2)},
		// Associativity: all three are associative; chains work.
		{"a ^ b ^ c", "01101001", letters(3)},
		{"(a ^ b) ^ c", "01101001", letters(3)},
		{"a ^ (b ^ c)", "01101001", letters(3)},
		{"a & b & c", "00000001", letters(3)},
		{"a | b | c", "01111111", letters(3)},
		// Functions.
		{"maj(a,b,c)", "00010111", letters(3)},
		{"majority(a, b, c)", "00010111", letters(3)},
		{"maj(a, b)", "0001", letters(2)},        // more than half of 2
		{"xor(a, b, c)", "01101001", letters(3)}, // parity
		{"parity(a, b)", "0110", letters(2)},
		{"xnor(a, b)", "1001", letters(2)},
		{"and(a, b, c)", "00000001", letters(3)},
		{"or(a, b)", "0111", letters(2)},
		{"nand(a, b)", "1110", letters(2)},
		{"nor(a, b)", "1000", letters(2)},
		{"not(a)", "10", letters(1)},
		{"NOT (a) & b", "0100", letters(2)},
		{"implies(a, b)", "1101", letters(2)},
		{"and(a)", "01", letters(1)},
		{"maj(a, maj(a, b, c), 0)", "00000111", letters(3)}, // nesting
		// Constants, and variables that do not matter.
		{"a & 1 | 0", "01", letters(1)},
		{"a & 0", "00", letters(1)},
		{"a | 1", "11", letters(1)},
		{"a | !a & b", "0111", letters(2)},
		// Variable order: natural, whatever the order in the text.
		{"b & a", "0001", letters(2)},
		{"b & !a", "0100", letters(2)},
		{"x1 & x2 | x3", "01010111", []string{"x1", "x2", "x3"}},
		{"x10 & !x2", "0100", []string{"x2", "x10"}},
		{"y & x_1", "0001", []string{"x_1", "y"}},
		{"_a1 | B", "0111", []string{"B", "_a1"}},
	} {
		f, err := ParseExpr(tc.expr)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tc.expr, err)
			continue
		}
		if got := f.TableString(); got != tc.table || !slices.Equal(f.Vars, tc.vars) {
			t.Errorf("ParseExpr(%q) = %s %q, want %s %q", tc.expr, got, f.Vars, tc.table, tc.vars)
		}
		if f.Name != strings.TrimSpace(tc.expr) {
			t.Errorf("ParseExpr(%q).Name = %q", tc.expr, f.Name)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	names := []string{"x10", "b", "x2", "x1", "a10", "a9", "x01", "a", "B"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"B", "a", "a9", "a10", "b", "x01", "x1", "x2", "x10"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted naturally: %q, want %q", names, want)
	}
}

// vars returns the names x1, ..., xn.
func vars(n int) []string {
	v := make([]string, n)
	for i := range v {
		v[i] = fmt.Sprintf("x%d", i+1)
	}
	return v
}

func TestParseExprLimit(t *testing.T) {
	// 16 variables: 65,536 rows, the parity of x1..x16.
	f, err := ParseExpr(strings.Join(vars(16), " ^ "))
	if err != nil {
		t.Fatalf("16 variables: %v", err)
	}
	if f.Rows() != 1<<16 || !slices.Equal(f.Vars, vars(16)) {
		t.Fatalf("16 variables: %d rows, vars %q", f.Rows(), f.Vars)
	}
	parity, _ := Lookup("xor16")
	if !slices.Equal(f.Table, parity.Table) {
		t.Errorf("x1 ^ ... ^ x16 differs from xor16")
	}
	// 17 are too many; the error points at the 17th.
	s := strings.Join(vars(17), " | ")
	_, err = ParseExpr(s)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Column != strings.Index(s, "x17")+1 ||
		!strings.Contains(err.Error(), `too many variables: "x17" would be number 17, at most 16 (MaxInputs)`) {
		t.Errorf("ParseExpr of 17 variables: error = %v, want too many variables at column %d", err, strings.Index(s, "x17")+1)
	}
	// A variable used many times counts once.
	if _, err := ParseExpr(strings.Repeat("a & ", 500) + "a"); err != nil {
		t.Errorf("a long chain of one variable: %v", err)
	}
}

func TestParseExprErrors(t *testing.T) {
	deep := strings.Repeat("(", 101) + "a" + strings.Repeat(")", 101)
	for _, tc := range []struct {
		s      string
		column int
		want   string
	}{
		{"a & | b", 5, `boolfn: expression "a & | b": column 5: unexpected "|"`},
		{"", 0, `boolfn: expression "": empty`},
		{"   ", 0, `empty`},
		{"0 | 1", 0, `boolfn: expression "0 | 1": no variables: a function needs at least one input`},
		{"a &", 4, `column 4: unexpected end of expression`},
		{"(a & b", 7, `column 7: missing ")" for the "(" at column 1`},
		{"((a)", 5, `column 5: missing ")" for the "(" at column 1`},
		{"a & b)", 6, `column 6: ")" without a matching "("`},
		{"()", 2, `column 2: unexpected ")"`},
		{"a b", 3, `column 3: unexpected "b"`},
		{"a & b c", 7, `column 7: unexpected "c"`},
		{"a ! b", 3, `column 3: unexpected "!"`},
		{"foo(a)", 1, `column 1: unknown function "foo" (want and, implies, maj, majority, nand, nor, not, or, parity, xnor, xor)`},
		{"a | bar (b)", 5, `unknown function "bar"`},
		{"not(a, b)", 1, `column 1: not takes 1 argument, got 2`},
		{"a & implies(a)", 5, `column 5: implies takes 2 arguments, got 1`},
		{"and()", 1, `column 1: and takes at least 1 argument, got 0`},
		{"maj(a, b", 9, `column 9: missing ")" for the "(" at column 4`},
		{"maj(a b)", 7, `column 7: unexpected "b": want ")" for the "(" at column 4`},
		{"maj(a,)", 7, `column 7: unexpected ")"`},
		{"maj(,a)", 5, `column 5: unexpected ","`},
		{"a, b", 2, `column 2: unexpected ","`},
		{"2", 1, `column 1: unexpected "2": the constants are 0 and 1`},
		{"a | 10", 5, `unexpected "10"`},
		{"a & 1b", 5, `unexpected "1b"`},
		{"a & and", 5, `column 5: unexpected "and"`},
		{"or", 1, `column 1: unexpected "or"`},
		{"not", 4, `column 4: unexpected end of expression`},
		{"a @ b", 3, `column 3: unexpected "@"`},
		{"é & a", 1, `column 1: unexpected "é"`},
		{"a & é", 5, `column 5: unexpected "é"`}, // columns count characters, not bytes
		{"a\n& |", 5, `column 5: unexpected "|"`},
		{"a &\xff", 4, "unexpected \"\ufffd\""},
		{strings.Repeat("!", 100) + "a", 0, ""}, // 100 levels are fine
		{strings.Repeat("!", 101) + "a", 101, `column 101: nesting deeper than 100 levels`},
		{deep, 101, `nesting deeper than 100 levels`},
	} {
		f, err := ParseExpr(tc.s)
		if tc.want == "" {
			if err != nil {
				t.Errorf("ParseExpr(%.30q): %v", tc.s, err)
			} else if f.TableString() != "10" && f.TableString() != "01" {
				t.Errorf("ParseExpr(%.30q) = %s", tc.s, f.TableString())
			}
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseExpr(%.30q) error = %v, want a *ParseError", tc.s, err)
			continue
		}
		if pe.Column != tc.column || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseExpr(%.30q) error = %q (column %d), want %q (column %d)", tc.s, err, pe.Column, tc.want, tc.column)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseExpr(%.30q) error is not one line: %q", tc.s, err)
		}
	}
}

// BenchmarkParseExpr16 parses and evaluates an expression of 16
// variables and about 50 nodes on all 65,536 rows.
func BenchmarkParseExpr16(b *testing.B) {
	s := "maj(a, b, c) ^ (d & !e | f) ^ xor(g, h, i, j) | (k & l & !m) ^ nand(n, o, p)" +
		" | !(a ^ p) & (b | o) & implies(c, n) ^ (d ^ m) & (e | !l)"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseExpr(s); err != nil {
			b.Fatal(err)
		}
	}
}
