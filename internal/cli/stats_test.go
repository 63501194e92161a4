package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestStatsGolden pins what stats and sweep print; the tables must not
// depend on the number of workers.
func TestStatsGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"stats_and_demo.golden", []string{"stats", "and", "--runs", "60", "--stop", "row", "--goal", "1e-10", "--max-iter", "0", "--mark", "44842"}},
		{"stats_xor_hidden2.golden", []string{"stats", "xor", "--hidden", "2", "--runs", "20", "--stall", "100000"}},
		{"sweep_and.golden", []string{"sweep", "and", "--rate", "0.1:10", "--points", "5", "--runs", "12"}},
	} {
		var first string
		for _, workers := range []string{"1", "2", "5"} {
			out, _, err := neuronCmd(t, append(c.args, "--workers", workers)...)
			if err != nil && ExitCode(err) != ExitNotLearned {
				t.Fatalf("%q: %v", c.args, err)
			}
			if first == "" {
				first = out
				golden(t, c.golden, out)
			} else if out != first {
				t.Errorf("%q with %s workers differs from 1 worker:\n%s\n---\n%s", c.args, workers, out, first)
			}
		}
	}
}

// TestStatsJSON: the JSON documents carry the distribution and the mark.
func TestStatsJSON(t *testing.T) {
	out, _, err := neuronCmd(t, "stats", "and", "--runs", "40", "--json", "--mark", "16000")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs, Finished int
		Goal           struct{ Runs, Median int }
		Mark           *struct{ Value, Percentile float64 }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Runs != 40 || doc.Finished != 40 || doc.Goal.Runs != 40 || doc.Goal.Median < 10_000 || doc.Mark == nil || doc.Mark.Value != 16000 {
		t.Errorf("stats --json: %+v", doc)
	}
	out, _, err = neuronCmd(t, "sweep", "and", "--rate", "0.5:2", "--points", "3", "--runs", "5", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var sw struct {
		Points []struct {
			Rate float64
			Goal struct{ Median int }
		}
	}
	if err := json.Unmarshal([]byte(out), &sw); err != nil {
		t.Fatal(err)
	}
	if len(sw.Points) != 3 || sw.Points[0].Rate != 0.5 || sw.Points[2].Rate != 2 || !(sw.Points[0].Goal.Median > sw.Points[2].Goal.Median) {
		t.Errorf("sweep --json: %+v; want 3 rates from 0.5 to 2, fewer iterations at the larger", sw)
	}
}

// TestStatsFlatSpot: runs stuck on the squared error's flat spot are
// counted, in the text and in the JSON, with the way out.
func TestStatsFlatSpot(t *testing.T) {
	args := []string{"stats", "and8", "--runs", "3", "--max-iter", "200000"}
	out, _, err := neuronCmd(t, args...)
	if ExitCode(err) != ExitNotLearned {
		t.Fatalf("%q: %v, want no run learned", args, err)
	}
	if want := "All 3 ended with a wrong output saturated near 0 or 1"; !strings.Contains(out, want) || !strings.Contains(out, "try --loss cross-entropy") {
		t.Errorf("%q prints\n%s\nwant %q and the hint", args, out, want)
	}
	out, _, _ = neuronCmd(t, append(args, "--json")...)
	var doc struct {
		Failed struct {
			Cap      int
			FlatSpot int `json:"flat_spot"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Failed.Cap != 3 || doc.Failed.FlatSpot != 3 {
		t.Errorf("%q --json: failed %+v, want cap 3, flat_spot 3", args, doc.Failed)
	}
	out, _, _ = neuronCmd(t, "sweep", "and8", "--rate", "0.5:2", "--points", "2", "--runs", "2", "--max-iter", "100000")
	if want := "Over all rates, 4 failed runs ended with a wrong output saturated"; !strings.Contains(out, want) {
		t.Errorf("sweep prints\n%s\nwant %q", out, want)
	}
}

func TestStatsBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"stats", "and", "--stop", "none"}, "--stop none has no goal"},
		{[]string{"stats", "and", "--runs", "0"}, "--runs must be at least 1"},
		{[]string{"stats", "and", "--runs", "1e9"}, "at most 1,000,000 runs"},
		{[]string{"stats", "xor"}, "one neuron cannot learn xor"},
		{[]string{"stats", "and", "--mark", "-5"}, "--mark"},
		{[]string{"sweep", "and", "--rate", "2:1"}, "--rate"},
		{[]string{"sweep", "and", "--rate", "0:1"}, "--rate"},
		{[]string{"sweep", "and", "--points", "5000"}, "at most 1,000 learning rates"},
		{[]string{"sweep", "and", "--points", "100", "--runs", "100000"}, "at most 1,000,000 runs in all"},
		{[]string{"stats"}, "FUNC missing"},
		{[]string{"stats", "and", "--csv", "x.csv"}, "unknown flag"},
	} {
		out, _, err := neuronCmd(t, c.args...)
		msg := checkMessage(t, strings.Join(c.args, " "), err)
		if err == nil || !strings.Contains(msg, c.want) || ExitCode(err) != ExitError {
			t.Errorf("%q: %q (status %d), want status 1 and a message containing %q", c.args, msg, ExitCode(err), c.want)
		}
		if out != "" {
			t.Errorf("%q: wrote to standard output: %.100s", c.args, out)
		}
	}
}
