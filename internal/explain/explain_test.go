package explain

import (
	"strconv"
	"testing"
)

func TestNumbers(t *testing.T) {
	for v, want := range map[float64]string{
		0.001: "0.001", 1e-5: "1e-5", 2.90153e-09: "2.90153e-9", -1.4e-05: "-1.4e-5", 1e21: "1e+21",
		1.5e300: "1.5e+300", 44842: "44842", 0.5: "0.5",
	} {
		got := Num(v)
		if got != want {
			t.Errorf("Num(%v) = %q, want %q", v, got, want)
		}
		if back, err := strconv.ParseFloat(got, 64); err != nil || back != v && len(want) < 7 {
			t.Errorf("Num(%v) = %q reads back as %v, %v", v, got, back, err)
		}
	}
	if got := Digits(-0.0, 5); got != "0" {
		t.Errorf("Digits(-0) = %q, want 0", got)
	}
	if got := Count(-1234567); got != "-1,234,567" {
		t.Errorf("Count(-1234567) = %q", got)
	}
}
