package boolfn

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseTable(t *testing.T) {
	for _, tc := range []struct {
		s    string
		vars []string
		rows []bool
	}{
		{"01", []string{"a"}, []bool{false, true}},
		{"0001", []string{"a", "b"}, []bool{false, false, false, true}},
		{"01101001", []string{"a", "b", "c"}, []bool{false, true, true, false, true, false, false, true}},
	} {
		f, err := ParseTable(tc.s)
		if err != nil {
			t.Errorf("ParseTable(%q): %v", tc.s, err)
			continue
		}
		if f.Name != tc.s || !slices.Equal(f.Vars, tc.vars) || !slices.Equal(f.Table, tc.rows) {
			t.Errorf("ParseTable(%q) = %q %q %v, want %q %q %v", tc.s, f.Name, f.Vars, f.Table, tc.s, tc.vars, tc.rows)
		}
		if got := f.TableString(); got != tc.s {
			t.Errorf("ParseTable(%q).TableString() = %q", tc.s, got)
		}
	}
	// The largest table: 16 inputs, a to p.
	big := strings.Repeat("01", 1<<15)
	f, err := ParseTable(big)
	if err != nil {
		t.Fatalf("ParseTable of %d characters: %v", len(big), err)
	}
	if f.Inputs() != MaxInputs || f.Vars[15] != "p" {
		t.Errorf("ParseTable of %d characters: %d inputs, last %q; want %d, \"p\"", len(big), f.Inputs(), f.Vars[15], MaxInputs)
	}
}

func TestParseTableErrors(t *testing.T) {
	for _, tc := range []struct {
		s      string
		column int
		want   string
	}{
		{"", 0, `boolfn: table "": empty: want 2^n characters 0 or 1, n from 1 to 16`},
		{"0", 0, `boolfn: table "0": length 1 is too short: a table of one input has 2 rows`},
		{"000", 0, `boolfn: table "000": length 3 is not a power of two: the nearest valid lengths are 2 and 4`},
		{"000000", 0, "the nearest valid lengths are 4 and 8"},
		{"0021", 3, `boolfn: table "0021": column 3: "2" is not 0 or 1`},
		{"01x1", 3, `column 3: "x" is not 0 or 1`},
		{"0 01", 2, `column 2: " " is not 0 or 1`},
		{"0é01", 2, `column 2: "é" is not 0 or 1`}, // columns count characters
		{"01\xff1", 3, "column 3: \"\ufffd\" is not 0 or 1"},
		{strings.Repeat("0", 1<<17), 0, "length 131072 is too long: at most 65536 (16 inputs, MaxInputs)"},
		{strings.Repeat("0", 1<<16+1), 0, "length 65537 is too long"},
	} {
		_, err := ParseTable(tc.s)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseTable(%.20q) error = %v, want a *ParseError", tc.s, err)
			continue
		}
		if pe.Column != tc.column || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTable(%.20q) error = %q (column %d), want %q (column %d)", tc.s, err, pe.Column, tc.want, tc.column)
		}
		if len(err.Error()) > 200 || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseTable(%.20q) error is not one short line: %q", tc.s, err)
		}
	}
}
