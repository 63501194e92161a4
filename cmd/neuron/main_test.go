package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the real command, built once, as a user or a script
// would: signals, pipes and full disks only show there.

// binary is the neuron command built once for these tests.
var binary string

// NEURON_BINARY, if set, names a neuron command to test instead, such as
// an installed one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "neuron-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "neuron")
	if b := os.Getenv("NEURON_BINARY"); b != "" {
		binary = b
	} else if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A result is how a run of the command ended.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// runIn runs the command in dir with stdin, and stops it after half a
// minute: no bad input should keep it busy that long.
func runIn(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errw.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Errorf("%.100q: still running after half a minute", args)
		r.code = -1
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return r
}

func runBinary(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	r := runIn(t, "", stdin, args...)
	return r.stdout, r.stderr, r.code
}

// goInternals are words of Go's own messages that the command must never
// show a user.
var goInternals = regexp.MustCompile(`strconv|context canceled|deadline exceeded|bufio|token too long|is not a int|float64|\.tmp-|arg\(s\)|invalid syntax|goroutine|panic|(^|\s)json: |Go value|reflect|\bos\.[A-Z]|runtime\.`)

// oneLine checks that a failed run printed one line of error, naming
// the input.
func oneLine(t *testing.T, what string, r result, names string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	switch {
	case !strings.HasPrefix(last, "neuron: ") || strings.Count(r.stderr, "neuron: ") != 1:
		t.Errorf("%s: standard error is not one line of error:\n%s", what, r.stderr)
	case goInternals.MatchString(r.stderr):
		t.Errorf("%s: message shows Go internals: %q", what, r.stderr)
	case !strings.Contains(last, names):
		t.Errorf("%s: message does not name %q: %q", what, names, last)
	case len(last) > 400:
		t.Errorf("%s: message of %d bytes: %.100q", what, len(last), last)
	}
}

// model is a saved model of AND, made once.
var model struct {
	sync.Once
	data []byte
}

func modelData(t *testing.T) []byte {
	model.Do(func() {
		dir := t.TempDir()
		runIn(t, dir, "", "train", "and", "--save", "m.json")
		model.data, _ = os.ReadFile(filepath.Join(dir, "m.json"))
	})
	if len(model.data) == 0 {
		t.Fatal("no model")
	}
	return model.data
}

// fixtures makes a directory of the files the cases below use.
func fixtures(t *testing.T) string {
	dir := t.TempDir()
	write := func(name, data string, mode fs.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(filepath.Join(dir, name), mode)
	}
	write("and.csv", "a,b,out\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n", 0o644)
	write("old.json", "keep me", 0o600)
	write("pic.png", "a picture", 0o644)
	write("m.json", string(modelData(t)), 0o644)
	write("claims.json", `{"format":"neuron-model","version":2,"kind":"net","inputs":1048576,"hidden":[`+strings.Repeat(`{},`, 65535)+`{}],"output":{"weights":[1],"bias":0}}`, 0o644)
	write("claims2.json", `{"format":"neuron-model","version":2,"kind":"net","inputs":1048576,"hidden":[`+strings.Repeat(`{"weights":[1],"bias":0},`, 999)+`{"weights":[1],"bias":0}],"output":{"weights":[1],"bias":0}}`, 0o644)
	write("typed.json", `{"format":"neuron-model","version":2,"kind":"neuron","inputs":"2","weights":[1,2],"bias":0}`, 0o644)
	write("big.json", `{"format":"neuron-model","version":2,"kind":"neuron","inputs":1e30,"weights":[1,2],"bias":0}`, 0o644)
	write("png.json", "\x89PNG\r\n\x1a\n", 0o644)
	write("ragged.csv", "a,b,out\n0,0,0\n0,1\n", 0o644)
	write("long.csv", "a,b,out\n0,0,"+strings.Repeat("7", 100_000)+"\n", 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Mkdir(filepath.Join(dir, "dir.csv"), 0o755)
	os.Mkdir(filepath.Join(dir, "dir.json"), 0o755)
	os.Symlink("and.csv", filepath.Join(dir, "link.csv"))
	os.Link(filepath.Join(dir, "and.csv"), filepath.Join(dir, "hard.csv"))
	return dir
}

// listing is every file under dir with its mode and contents.
func listing(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		st, _ := os.Lstat(path)
		data := ""
		if st.Mode().IsRegular() {
			b, _ := os.ReadFile(path)
			data = string(b)
		}
		rel, _ := filepath.Rel(dir, path)
		lines = append(lines, rel+" "+st.Mode().String()+" "+data)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestBadInputClasses runs the command on bad input of every class of
// issue 8. Whatever the words, each must end with exit status 1 and one
// line of error on standard error that names the input and shows no Go
// internals, print nothing on standard output, and leave its directory
// as it was: no file written, none overwritten, no temporary file, no
// directory made. A run that trained before checking its outputs would
// not end (a function one neuron cannot learn, no cap): runIn stops it.
func TestBadInputClasses(t *testing.T) {
	long := []string{"train", "xor", "--force", "--max-iter", "0"}
	with := func(extra ...string) []string { return append(append([]string{}, long...), extra...) }
	longText := strings.Repeat("a&", 5000) + "a &"
	for _, c := range []struct {
		class string
		args  []string
		stdin string
		names string
	}{
		// 1. Output paths are checked before training.
		{"output dir missing", with("--save", "nodir/m.json"), "", "nodir"},
		{"output dir missing", with("--plot-loss", "nodir/l.png"), "", "nodir"},
		{"output dir missing", with("--plot-boundary", "nodir/b.svg"), "", "nodir"},
		{"output dir missing", with("--trace-file", "nodir/t.csv"), "", "nodir"},
		{"output dir missing", with("--plot", "nodir/pics"), "", "nodir"},
		{"output is a directory", with("--save", "sub"), "", "sub"},
		{"output is a directory", with("--trace-file", "sub/"), "", "sub"},
		{"output is a directory", with("--plot-loss", "dir.csv/../sub"), "", "sub"},
		{"plot dir is a file", with("--plot", "pic.png"), "", "pic.png"},
		{"output not a file", with("--save", "/dev/null"), "", "/dev/null"},
		{"two outputs one file", with("--save", "old.json", "--trace-file", "old.json"), "", "old.json"},
		{"two outputs one file", with("--plot-loss", "l.png", "--plot-boundary", "sub/../l.png"), "", "l.png"},
		{"two outputs one file", with("--plot", "sub", "--plot-boundary", "sub/loss.png"), "", "loss.png"},
		{"two outputs one file", with("--plot", ".", "--plot-loss", "boundary.png"), "", "boundary.png"},
		{"output is the input", []string{"train", "and.csv", "--save", "and.csv"}, "", "and.csv"},
		{"output is the input", []string{"train", "and.csv", "--trace-file", "./link.csv"}, "", "link.csv"},
		{"output is the input", []string{"train", "link.csv", "--save", "sub/../and.csv"}, "", "and.csv"},
		{"output is the input", []string{"train", "and.csv", "--save", "hard.csv"}, "", "hard.csv"},
		{"bad output kind", with("--plot-loss", "l.gif"), "", "l.gif"},
		{"bad output kind", with("--trace-file", "t.xlsx"), "", "t.xlsx"},
		// 1. A failing run leaves nothing behind.
		{"refused: no plot dir", []string{"train", "xor", "--plot", "pics"}, "", "xor"},
		{"refused: no plot dir", []string{"train", "and", "--plot", "pics", "--plot-inputs", "a,zz"}, "", "zz"},
		{"refused: no trace file", []string{"train", "adn", "--trace-file", "t.csv", "--save", "m2.json"}, "", "adn"},
		{"refused: no trace file", []string{"train", "and", "--trace-file", "t.csv", "--rate", "fast"}, "", "fast"},
		{"refused: no trace file", []string{"train", "and", "--trace-file", "t.csv", "--save", "nodir/m.json"}, "", "nodir"},
		// 1. A model file cannot make predict allocate what it does not hold.
		{"model claims sizes", []string{"predict", "claims.json", "1", "1"}, "", "claims.json"},
		{"model claims sizes", []string{"predict", "claims2.json", "1", "1"}, "", "claims2.json"},
		// 2. No Go internals; file errors name the file.
		{"go internals", []string{"predict", "typed.json", "1", "1"}, "", "typed.json"},
		{"go internals", []string{"predict", "big.json", "1", "1"}, "", "big.json"},
		{"go internals", []string{"predict", "m.json"}, "0 0\n" + strings.Repeat("1 ", 1<<20) + "\n", "line 2"},
		{"go internals", []string{"predict", "m.json", "1", "0x1p-2"}, "", "0x1p-2"},
		{"go internals", []string{"predict"}, "", "MODEL"},
		{"go internals", []string{"train", "and", "--force=maybe"}, "", "maybe"},
		{"go internals", []string{"train", "and", "--seed", "0x10"}, "", "0x10"},
		{"go internals", []string{"train", "and", "--max-iter", "1e400"}, "", "1e400"},
		{"go internals", []string{"functions", "--seeds", "-3"}, "", "-3"},
		{"file names", []string{"predict", "none.json", "1", "1"}, "", "none.json"},
		{"file names", []string{"predict", "dir.json"}, "", "dir.json"},
		{"file names", []string{"predict", "png.json"}, "", "png.json"},
		{"file names", []string{"train", "none.csv"}, "", "none.csv"},
		{"file names", []string{"train", "dir.csv"}, "", "dir.csv"},
		{"file names", []string{"check", "ragged.csv"}, "", "ragged.csv"},
		// 2. Long inputs are echoed as a short prefix.
		{"long input", []string{"train", longText}, "", "a&a&a&"},
		{"long input", []string{"train", "long.csv"}, "", "long.csv"},
		{"long input", []string{"train", "and", "--stop", strings.Repeat("m", 5000)}, "", "mmmm"},
		{"long input", []string{strings.Repeat("q", 5000)}, "", "qqqq"},
		{"long input", []string{"predict", "m.json", strings.Repeat("9", 5000) + "x", "1"}, "", "9999"},
		// 2. Wrong usage says what is wrong.
		{"usage", []string{"train", "and", "extra"}, "", "one FUNC expected, got 2"},
		{"usage", []string{"train"}, "", "FUNC missing"},
		{"usage", []string{"check", "a", "b", "c"}, "", "got 3"},
		{"usage", []string{"functions", "all"}, "", "all"},
		{"usage", []string{"train", "and", "--explain", "x"}, "", "x"},
		// 3. Did you mean.
		{"did you mean", []string{"trian", "and"}, "", `"train"`},
		{"did you mean", []string{"train", "adn"}, "", `"and"`},
		{"did you mean", []string{"train", "and", "--sed", "2"}, "", "--seed"},
	} {
		dir := fixtures(t)
		before := listing(t, dir)
		r := runIn(t, dir, c.stdin, c.args...)
		what := c.class + ": " + strings.Join(c.args, " ")
		if len(what) > 100 {
			what = what[:100] + "…"
		}
		if r.code != 1 {
			t.Errorf("%s: exit %d, want 1; stderr %.300q", what, r.code, r.stderr)
		}
		oneLine(t, what, r, c.names)
		if r.stdout != "" && c.stdin == "" {
			t.Errorf("%s: wrote to standard output: %.200q", what, r.stdout)
		}
		if after := listing(t, dir); after != before {
			t.Errorf("%s: changed its directory", what)
		}
	}
}

// TestSignals: SIGINT, SIGTERM and SIGHUP stop training as Ctrl-C does:
// the result so far is printed, every file is written whole, no
// temporary file is left, and the status is 128 plus the signal's number.
func TestSignals(t *testing.T) {
	for _, sig := range stopSignals {
		dir := t.TempDir()
		cmd := exec.Command(binary, "train", "xor", "--force", "--max-iter", "0", "--save", "m.json", "--trace-file", "t.csv", "--plot", "pics")
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout = &out
		notices, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The --force notice comes just before training starts.
		rd := bufio.NewReader(notices)
		first := make(chan string, 1)
		go func() { line, _ := rd.ReadString('\n'); first <- line }()
		select {
		case line := <-first:
			if !strings.Contains(line, "Training anyway") {
				cmd.Process.Kill()
				t.Fatalf("%v: first notice %q", sig, line)
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: no notice on standard error that training started", sig)
		}
		time.Sleep(300 * time.Millisecond)
		cmd.Process.Signal(sig)
		var rest []byte
		err := waitOrKill(t, cmd, func() { rest, _ = io.ReadAll(rd) })
		var exit *exec.ExitError
		want := 128 + int(sig.(syscall.Signal))
		if !errors.As(err, &exit) || exit.ExitCode() != want {
			t.Errorf("after %v: %v, want exit %d; stderr %q", sig, err, want, rest)
		}
		if !strings.Contains(out.String(), "Not learned: canceled after") || !strings.Contains(out.String(), "Weights:") {
			t.Errorf("after %v: result so far not printed:\n%s", sig, out.String())
		}
		lines := strings.Split(strings.TrimSpace(string(rest)), "\n")
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, "neuron: ") || !strings.Contains(last, "after") || goInternals.MatchString(last) {
			t.Errorf("after %v: last line %q", sig, last)
		}
		for _, f := range []string{"m.json", "t.csv", "pics/loss.png", "pics/boundary.png"} {
			if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
				t.Errorf("after %v: %s not written: %v", sig, f, err)
			}
		}
		if l := listing(t, dir); strings.Contains(l, ".tmp-") {
			t.Errorf("after %v: temporary files left:\n%s", sig, l)
		}
		if r := runIn(t, dir, "", "predict", "m.json", "1", "1"); r.code != 0 {
			t.Errorf("after %v: the saved model does not load: %q", sig, r.stderr)
		}
	}
}

// TestInterruptPredict: Ctrl-C stops predict while it waits for input.
func TestInterruptPredict(t *testing.T) {
	dir := fixtures(t)
	cmd := exec.Command(binary, "predict", "m.json")
	cmd.Dir = dir
	in, _ := cmd.StdinPipe()
	defer in.Close()
	outPipe, _ := cmd.StdoutPipe()
	var errw bytes.Buffer
	cmd.Stderr = &errw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in.Write([]byte("1 1\n"))
	line, err := bufio.NewReader(outPipe).ReadString('\n') // answered at once
	if err != nil || !strings.HasSuffix(line, " 1\n") {
		t.Fatalf("prediction %q, %v", line, err)
	}
	cmd.Process.Signal(os.Interrupt)
	err = waitOrKill(t, cmd, nil)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 || !strings.Contains(errw.String(), "interrupted while reading standard input, after 1 row,") {
		t.Errorf("after Ctrl-C: %v, stderr %q", err, errw.String())
	}
}

// waitOrKill reads what the command prints with read, if not nil, and
// waits for it to end; after half a minute it kills it and fails.
func waitOrKill(t *testing.T, cmd *exec.Cmd, read func()) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		if read != nil {
			read()
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Errorf("%q still running half a minute after it was told to stop", cmd.Args)
		return <-done
	}
}

// TestClosedPipe: when the reader of standard output goes away (| head),
// the command stops quietly, with the status a SIGPIPE gives, after
// writing its files.
func TestClosedPipe(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(binary, "train", "xor", "--force", "--max-iter", "0", "--trace", "--trace-all", "--save", "m.json")
	cmd.Dir = dir
	outPipe, _ := cmd.StdoutPipe()
	var errw bytes.Buffer
	cmd.Stderr = &errw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(outPipe).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	outPipe.Close() // as head -1 does
	err := waitOrKill(t, cmd, nil)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 141 || strings.Contains(errw.String(), "neuron: ") {
		t.Errorf("closed pipe: %v, stderr %q; want exit 141 and no error", err, errw.String())
	}
	if st, err := os.Stat(filepath.Join(dir, "m.json")); err != nil || st.Size() == 0 || strings.Contains(listing(t, dir), ".tmp-") {
		t.Errorf("model not written, or temporary files left: %v\n%s", err, listing(t, dir))
	}
}

// TestFullDisk: writing results to a full disk fails with a clear
// message and status 1; it does not exit 0 with the results lost.
func TestFullDisk(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	for _, args := range [][]string{{"train", "and"}, {"check", "xor", "--json"}, {"functions", "--seeds", "1"}, {"--help"}, {"completion", "zsh"}, {}} {
		cmd := exec.Command(binary, args...)
		cmd.Stdout = full
		var errw bytes.Buffer
		cmd.Stderr = &errw
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || errw.String() != "neuron: cannot write standard output: no space left on device\n" {
			t.Errorf("%q > /dev/full: %v, stderr %q", args, err, errw.String())
		}
	}
}

// TestBoundedTraceFile: a trace file holds the first 10,000 steps unless
// every step is asked for, and the help says so.
func TestBoundedTraceFile(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "", "train", "and", "--trace-file", "t.csv")
	data, _ := os.ReadFile(filepath.Join(dir, "t.csv"))
	if r.code != 0 || bytes.Count(data, []byte("\n")) != 10_001 {
		t.Errorf("trace file of a 15,891-step run: %d lines, exit %d", bytes.Count(data, []byte("\n")), r.code)
	}
	r = runIn(t, dir, "", "train", "and", "--trace-file", "t.csv", "--trace-all")
	data, _ = os.ReadFile(filepath.Join(dir, "t.csv"))
	if r.code != 0 || bytes.Count(data, []byte("\n")) != 15_892 {
		t.Errorf("--trace-all: %d lines", bytes.Count(data, []byte("\n")))
	}
	if help, _, _ := runBinary(t, "", "train", "--help"); !strings.Contains(help, "the first 10,000") {
		t.Errorf("train --help does not say the trace file is bounded")
	}
}

// TestConventions: --version, completion, negative inputs, --explain N,
// check's exit status and JSON, as a script meets them.
func TestConventions(t *testing.T) {
	dir := fixtures(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--version"}, 0, "neuron "},
		{[]string{"completion", "bash"}, 0, "__start_neuron"},
		{[]string{"completion", "zsh"}, 0, "#compdef neuron"},
		{[]string{"completion", "fish"}, 0, "complete -c neuron"},
		{[]string{"completion", "powershell"}, 0, "Register-ArgumentCompleter"},
		{[]string{"__complete", "train", "x"}, 0, "xor\n"},
		{[]string{"predict", "m.json", "-1", "0"}, 0, " 0\n"},
		{[]string{"predict", "m.json", "1", "-.5", "--json"}, 0, `"inputs":[1,-0.5]`},
		{[]string{"train", "and", "--explain", "5"}, 0, "Step 5, worked by hand"},
		{[]string{"train", "and", "--seed", "010", "--max-iter", "5"}, 2, "seed 10\n"},
		{[]string{"check", "xor"}, 3, "cannot learn it"},
		{[]string{"check", "and", "--json"}, 0, `"separable": true`},
		{[]string{"train", "and", "--json"}, 0, `"status": "goal_met"`},
	} {
		r := runIn(t, dir, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stdout, c.want) {
			t.Errorf("%q: exit %d, want %d; output lacks %q:\n%.300s%s", c.args, r.code, c.code, c.want, r.stdout, r.stderr)
		}
		if c.code == 3 && r.stderr != "" {
			t.Errorf("%q: a check's answer is not an error: %q", c.args, r.stderr)
		}
	}
}
