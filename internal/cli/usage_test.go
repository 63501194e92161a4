package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// goInternals are words of Go's own error messages that no message of
// the command may show.
var goInternals = regexp.MustCompile(`strconv|context canceled|deadline exceeded|bufio|token too long|is not a int|float64|\.tmp-|arg\(s\)|invalid syntax|goroutine|panic|(^|\s)json: |Go value|reflect|\bos\.[A-Z]|\*os\.`)

// checkMessage checks an error as the program prints it: one line, no
// Go internals, at most a short prefix of a long input.
func checkMessage(t *testing.T, what string, err error) string {
	t.Helper()
	msg := Message(err)
	switch {
	case msg == "":
		t.Errorf("%s: no message", what)
	case strings.Contains(msg, "\n"):
		t.Errorf("%s: message of several lines: %q", what, msg)
	case goInternals.MatchString(msg):
		t.Errorf("%s: message shows Go internals: %q", what, msg)
	case len(msg) > 400:
		t.Errorf("%s: message of %d bytes: %.100q…", what, len(msg), msg)
	}
	return msg
}

// TestWrongUsage: wrong usage says what is wrong.
func TestWrongUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "and", "extra"}, `one FUNC expected, got 2: "and" "extra"`},
		{[]string{"train", "a", "&", "b"}, "one FUNC expected, got 3"},
		{[]string{"train"}, "FUNC missing: e.g. 'neuron train and'"},
		{[]string{"check"}, "FUNC missing"},
		{[]string{"check", "and", "or"}, "one FUNC expected, got 2"},
		{[]string{"predict"}, "MODEL missing"},
		{[]string{"functions", "and"}, `neuron functions takes no arguments, got 1: "and"`},
		{[]string{"trian"}, `unknown command "trian"; did you mean "train"?`},
		{[]string{"chek", "and"}, `did you mean "check"?`},
		{[]string{"help", "trian"}, `unknown command "trian"; did you mean "train"?`},
		{[]string{"and"}, "neuron train and"},
		{[]string{"train", "adn"}, `unknown function "adn"; did you mean "and"?`},
		{[]string{"train", "xnro"}, `did you mean "xnor"?`},
		{[]string{"train", "adn3"}, `did you mean "and3"?`},
		{[]string{"check", "nad"}, `did you mean "and" or "nand"?`},
		{[]string{"train", "frobnicate"}, `unknown function "frobnicate" ('neuron functions' lists`},
		{[]string{"train", "and", "--sed", "3"}, "unknown flag --sed; did you mean --seed?"},
		{[]string{"train", "and", "--force=maybe"}, `--force "maybe": want true or false`},
		{[]string{"train", "and", "-q"}, `unknown flag -q in "-q"`},
		{[]string{"train", "and", "--json=2"}, `--json "2": want true or false`},
		{[]string{"train", "--explain", "3"}, "FUNC missing"},
		{[]string{"train", "and", "--save", ""}, "--save is given an empty value: want FILE"},
		{[]string{"train", "and", "--plot="}, "--plot is given an empty value: want DIR"},
		{[]string{"train", "and", "--plot-inputs", " "}, "--plot-inputs is given an empty value"},
	} {
		out, _, err := neuronCmd(t, c.args...)
		msg := checkMessage(t, strings.Join(c.args, " "), err)
		if !strings.Contains(msg, c.want) || ExitCode(err) != ExitError || out != "" {
			t.Errorf("%q: exit %d, message %q, output %q; want exit 1 and a message containing %q", c.args, ExitCode(err), msg, out, c.want)
		}
	}
}

// TestExplainStep: '--explain 5' means step 5 when FUNC is given too,
// as '--explain=5' does; alone after --explain, a table is FUNC.
func TestExplainStep(t *testing.T) {
	want, _, err := neuronCmd(t, "train", "and", "--explain=5")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"train", "and", "--explain", "5"}, {"train", "--explain", "5", "and"}} {
		got, _, err := neuronCmd(t, args...)
		if err != nil || got != want {
			t.Errorf("%q: error %v, output differs from --explain=5", args, err)
		}
	}
	if !strings.HasPrefix(want, "Step 5, worked by hand") {
		t.Errorf("--explain=5 does not explain step 5:\n%.200s", want)
	}
	got, _, err := neuronCmd(t, "train", "--explain", "0001")
	if err != nil || !strings.HasPrefix(got, "Step 1, worked by hand") || !strings.Contains(got, "0001: one neuron") {
		t.Errorf("train --explain 0001: error %v, output:\n%.300s", err, got)
	}
}

// TestRewriteArgs: what the flag parser is given.
func TestRewriteArgs(t *testing.T) {
	root := newRoot(IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard})
	for _, c := range []struct{ in, want string }{
		{"train and --explain 5", "train and --explain=5"},
		{"train --explain 5 and", "train --explain=5 and"},
		{"train --explain 0110", "train --explain 0110"},
		{"train --explain 3", "train --explain=3"},
		{"train and --explain", "train and --explain"},
		{"train and --seed 5 --explain", "train and --seed 5 --explain"},
		{"train --seed 5 and", "train --seed 5 and"},
		{"predict m.json -1 0", "predict -- m.json -1 0"},
		{"predict m.json -1 -.5 --json", "predict --json -- m.json -1 -.5"},
		{"predict --json m.json 1 -1e3", "predict --json -- m.json 1 -1e3"},
		{"predict m.json 1 0", "predict m.json 1 0"},
		{"predict m.json -- -1 0", "predict -- m.json -1 0"},
		{"check -1", "check -1"},
	} {
		got := strings.Join(rewriteArgs(root, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("rewriteArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNegativeInputs: negative numbers are inputs to predict.
func TestNegativeInputs(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.json")
	if _, _, err := neuronCmd(t, "train", "and", "--save", model); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"predict", model, "-1", "0"}, {"predict", model, "-1", "-.5"}, {"predict", model, "-1e3", "2", "--json"}} {
		out, _, err := neuronCmd(t, args...)
		if err != nil || out == "" {
			t.Errorf("%q: error %v, output %q", args, err, out)
		}
	}
}

// TestNumbersAgree: every number flag reads numbers the same way:
// decimal, so 010 is ten.
func TestNumbersAgree(t *testing.T) {
	ten, _, err := neuronCmd(t, "train", "and", "--seed", "10", "--max-iter", "10")
	if ExitCode(err) != ExitNotLearned {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"train", "and", "--seed", "010", "--max-iter", "010"},
		{"train", "and", "--seed", "1e1", "--max-iter", "1e1"},
		{"train", "and", "--seed", "+10", "--max-iter", "10.0"},
	} {
		out, _, err := neuronCmd(t, args...)
		if ExitCode(err) != ExitNotLearned || out != ten {
			t.Errorf("%q: exit %d, output differs from --seed 10 --max-iter 10:\n%s", args, ExitCode(err), out)
		}
	}
	for _, args := range [][]string{
		{"train", "and", "--seed", "0x10"},
		{"train", "and", "--max-iter", "0x1p4"},
		{"train", "and", "--rate", "0x1p-1"},
		{"train", "and", "--seed", "NaN"},
		{"train", "and", "--trace-first", "inf"},
		{"functions", "--seeds", "0b11"},
	} {
		_, _, err := neuronCmd(t, args...)
		msg := checkMessage(t, strings.Join(args, " "), err)
		if ExitCode(err) != ExitError || !strings.Contains(msg, args[len(args)-2]) {
			t.Errorf("%q: exit %d, message %q; want an error naming the flag", args, ExitCode(err), msg)
		}
	}
}

// TestLongInputsShort: an error echoes at most a short prefix of a long
// input, whichever part of the program quotes it.
func TestLongInputsShort(t *testing.T) {
	long := strings.Repeat("a&", 5000) + "a"
	dir := t.TempDir()
	table := filepath.Join(dir, "wide.csv")
	os.WriteFile(table, []byte("a,b,out\n0,0,"+strings.Repeat("7", 5000)+"\n"), 0o644)
	model := filepath.Join(dir, "m.json")
	neuronCmd(t, "train", "and", "--save", model)
	for _, args := range [][]string{
		{"train", long + " &"},
		{"train", strings.Repeat("x", 5000)},
		{"train", "and", "--rate", strings.Repeat("9", 5000) + "x"},
		{"train", "and", "--stop", strings.Repeat("m", 5000)},
		{"train", "and", "--" + strings.Repeat("z", 5000)},
		{strings.Repeat("q", 5000)},
		{"train", table},
		{"predict", model, strings.Repeat("1", 5000) + "x", "1"},
	} {
		_, _, err := neuronCmd(t, args...)
		msg := checkMessage(t, "a long input", err)
		if len(msg) > 300 || !strings.Contains(msg, "…") && !strings.Contains(msg, "...") {
			t.Errorf("%.60q: message of %d bytes, want a short one with …: %q", args, len(msg), msg)
		}
	}
}

// TestPredictStdin: lines of standard input, their errors, and a line
// far too long.
func TestPredictStdin(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.json")
	neuronCmd(t, "train", "and", "--save", model)
	for _, c := range []struct {
		in, want string
		lines    int
	}{
		{"\uFEFF0 0\r\n1 1\r\n", "", 2},
		{"0 0\n1\n", "standard input, line 2: 1 inputs given, the model has 2", 1},
		{"0 0\n" + strings.Repeat("1 ", 1<<20) + "\n", "standard input, line 2: longer than 1 MB", 1},
		{"\x00\x01 1\n", `line 1: input 1 "\x00\x01": not a number`, 0},
		{"0 0\n1 1", "", 2}, // no final newline
	} {
		var out bytes.Buffer
		err := Run(context.Background(), []string{"predict", model}, IO{In: strings.NewReader(c.in), Out: &out, Err: io.Discard})
		if got := strings.Count(out.String(), "\n"); got != c.lines {
			t.Errorf("%.30q: %d predictions, want %d", c.in, got, c.lines)
		}
		if c.want == "" {
			if err != nil {
				t.Errorf("%.30q: %v", c.in, err)
			}
			continue
		}
		if msg := checkMessage(t, "predict", err); !strings.Contains(msg, c.want) {
			t.Errorf("%.30q: message %q, want %q", c.in, msg, c.want)
		}
	}
}

// TestPredictStopsOnInterrupt: predict waiting for input stops at once
// when the run is canceled, as by Ctrl-C.
func TestPredictStopsOnInterrupt(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.json")
	neuronCmd(t, "train", "and", "--save", model)
	r, w := io.Pipe() // input that never ends
	defer w.Close()
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error)
	go func() { done <- Run(ctx, []string{"predict", model}, IO{In: r, Out: io.Discard, Err: io.Discard}) }()
	w.Write([]byte("1 1\n"))
	cancel(Interrupt{Signal: syscall.SIGTERM})
	err := <-done
	if ExitCode(err) != 128+int(syscall.SIGTERM) || !strings.Contains(Message(err), "standard input") {
		t.Errorf("exit %d, message %q", ExitCode(err), Message(err))
	}
}

// TestOutputChecked: a failing standard output stops the run with an
// error, or for a closed pipe quietly, with the status SIGPIPE gives.
func TestOutputChecked(t *testing.T) {
	for _, c := range []struct {
		err  error
		code int
		msg  string
	}{
		{syscall.ENOSPC, ExitError, "cannot write standard output: no space left on device"},
		{&os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}, ExitBrokenPipe, ""},
	} {
		for _, args := range [][]string{{"train", "and"}, {"train", "xor", "--force", "--max-iter", "0", "--trace", "--trace-all"}, {"--help"}, {"functions"}, {"check", "xor", "--json"}} {
			err := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: failingWriter{c.err}, Err: io.Discard})
			if ExitCode(err) != c.code || Message(err) != c.msg {
				t.Errorf("%q writing fails with %v: exit %d, message %q; want %d, %q", args, c.err, ExitCode(err), Message(err), c.code, c.msg)
			}
		}
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write(p []byte) (int, error) { return 0, w.err }

// TestSuggestions: the edit distance and the suggestions built on it.
func TestSuggestions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"and", "and", 0}, {"adn", "and", 1}, {"an", "and", 1}, {"nad", "nand", 1}, {"trian", "train", 1}, {"xor", "nor", 1}, {"", "or", 2}, {"kitten", "sitting", 3}} {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	for typed, want := range map[string][]string{
		"adn": {"and"}, "nadn": {"nand"}, "iplies": {"implies"}, "majority-3": nil, "maj0rity3": {"majority3"}, "zzzzzz": nil,
	} {
		if got := suggestFunctions(typed); !slices.Equal(got, want) {
			t.Errorf("suggestFunctions(%q) = %q, want %q", typed, got, want)
		}
	}
}

// TestCompletion: completion scripts for every shell, and completions
// of subcommands, function names, flag values and file kinds.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, _, err := neuronCmd(t, "completion", shell)
		if err != nil || !strings.Contains(out, "neuron") || len(out) < 1000 {
			t.Errorf("completion %s: error %v, %d bytes", shell, err, len(out))
		}
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", ""}, []string{"train\t", "check\t", "functions\t", "predict\t", "completion\t"}},
		{[]string{"__complete", "tr"}, []string{"train\t"}},
		{[]string{"__complete", "train", "x"}, []string{"xor\n", "xnor\n", "xor3\n"}},
		{[]string{"__complete", "check", "ma"}, []string{"majority3\n", "maj5\n"}},
		{[]string{"__complete", "train", "data/"}, []string{"csv\n", "tsv\n", ":8\n"}}, // file extensions
		{[]string{"__complete", "train", "and", "--stop", ""}, []string{"max\t", "mean\t", "row\t"}},
		{[]string{"__complete", "train", "and", "--loss", ""}, []string{"squared\t", "cross-entropy\t"}},
		{[]string{"__complete", "train", "and", "--save", ""}, []string{"json\n", ":8\n"}},
		{[]string{"__complete", "train", "and", "--plot-loss", ""}, []string{"png\n", "svg\n"}},
		{[]string{"__complete", "train", "and", "--trace-file", ""}, []string{"csv\n", "jsonl\n"}},
		{[]string{"__complete", "train", "and", "--plot", ""}, []string{":16\n"}}, // directories
		{[]string{"__complete", "predict", ""}, []string{"json\n", ":8\n"}},
		{[]string{"__complete", "help", "pr"}, []string{"predict\t"}},
	} {
		out, _, err := neuronCmd(t, c.args...)
		for _, w := range c.want {
			if err != nil || !strings.Contains(out, w) {
				t.Errorf("%q: error %v, completions lack %q:\n%s", c.args, err, w, out)
			}
		}
	}
	// Every function name completion offers is one train knows.
	for _, prefix := range []string{"", "a", "m", "p", "n", "x"} {
		out, _, _ := neuronCmd(t, "__complete", "train", prefix)
		for _, line := range strings.Split(out, "\n") {
			if line == "" || strings.HasPrefix(line, ":") || strings.HasPrefix(line, "Completion") {
				continue
			}
			if _, _, err := neuronCmd(t, "check", line); ExitCode(err) > ExitNotSeparable {
				t.Errorf("completion %q is not a function: %v", line, err)
			}
		}
	}
}

// TestVersion: --version prints the build's version, from its build
// information.
func TestVersion(t *testing.T) {
	out, _, err := neuronCmd(t, "--version")
	if err != nil || !strings.HasPrefix(out, "neuron ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: error %v, %q", err, out)
	}
	bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := describeBuild(bi), "devel (commit 0123456789ab, 2026-01-02T03:04:05Z, with local changes), go1.26.0"; got != want {
		t.Errorf("describeBuild = %q, want %q", got, want)
	}
	bi = &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}}
	if got, want := describeBuild(bi), "v1.2.0, go1.26.0"; got != want {
		t.Errorf("describeBuild = %q, want %q", got, want)
	}
}

// TestHelpShowsValueNames: help names what a flag takes (FILE, DIR), not
// Go's types, and keeps related flags together.
func TestHelpShowsValueNames(t *testing.T) {
	out, _, err := neuronCmd(t, "train", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--save FILE", "--plot DIR", "--plot-loss FILE", "--trace-file FILE", "--explain N[=1]", "--plot-inputs a,c", "first 10,000", "Exit status"} {
		if !strings.Contains(out, want) {
			t.Errorf("train --help lacks %q", want)
		}
	}
	if strings.Contains(out, " string ") {
		t.Errorf("train --help shows a Go type:\n%s", out)
	}
	// Related flags stay together: the plots, then the trace.
	order := []string{"--save", "--plot ", "--plot-loss", "--plot-boundary", "--plot-inputs", "--trace ", "--trace-first", "--trace-every", "--trace-all", "--trace-file", "--explain", "--json"}
	_, flags, _ := strings.Cut(out, "Flags:")
	last := -1
	for _, f := range order {
		i := strings.Index(flags, f)
		if i < last {
			t.Errorf("train --help: %s comes before the flags it follows", f)
		}
		last = i
	}
	for _, c := range []string{"check", "predict", "functions"} {
		out, _, _ := neuronCmd(t, c, "--help")
		if !strings.Contains(out, "--json") {
			t.Errorf("%s --help lacks --json", c)
		}
	}
	if out, _, _ := neuronCmd(t, "check", "--help"); !strings.Contains(out, "3 when it cannot") {
		t.Errorf("check --help does not document its exit status")
	}
}

// TestMessageShortensQuotes: Message cuts every long quoted text.
func TestMessageShortensQuotes(t *testing.T) {
	long := strings.Repeat("é", 300)
	msg := Message(errors.New(`table file "x.csv": line 2, column 3: "` + long + `" is not 0 or 1`))
	if !strings.Contains(msg, `"x.csv"`) || strings.Count(msg, "é") != 47 || !strings.HasSuffix(msg, `…" is not 0 or 1`) {
		t.Errorf("Message = %q", msg)
	}
	if got := Message(errors.New("a\nb\n")); got != "a b" {
		t.Errorf("Message of two lines = %q", got)
	}
}
