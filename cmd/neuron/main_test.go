package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the neuron command built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "neuron-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "neuron")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runBinary(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errw.String(), code
}

func TestDemoExitsZero(t *testing.T) {
	out, errOut, code := runBinary(t, "")
	if code != 0 || errOut != "" || !strings.Contains(out, "// OUTPUT FOR OR") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// TestErrorsAreOneLine: bad input gives one line on stderr, prefixed with
// the program's name, a non-zero exit and never a panic.
func TestErrorsAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"train", "nope"},
		{"train", "and", "--rate", "-1"},
		{"train", "and", "--rate", "1e"},
		{"train", "and", "--goal", "NaN"},
		{"train", "and", "--max-iter", "-1"},
		{"train", "and", "--what"},
		{"train", "xor"},
		{"nope"},
	} {
		_, errOut, code := runBinary(t, "", args...)
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "neuron: ") || strings.Contains(errOut, "goroutine") {
			t.Errorf("%q: exit %d, stderr %q; want exit 1 and one line", args, code, errOut)
		}
	}
	_, errOut, code := runBinary(t, "", "train", "and", "--max-iter", "5")
	if code != 2 || !strings.HasPrefix(errOut, "neuron: iteration cap of 5 reached") {
		t.Errorf("cap reached: exit %d, stderr %q; want exit 2", code, errOut)
	}
}

// TestInterrupt: Ctrl-C stops training cleanly, prints the result so far
// and exits 130.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	cmd := exec.Command(binary, "train", "xor", "--force", "--max-iter", "0", "--save", model, "--plot", dir)
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // training a neuron on XOR never ends
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("after SIGINT: %v, stderr %q; want exit 130", err, errw.String())
	}
	if !strings.Contains(out.String(), "Not learned: canceled after") || !strings.Contains(out.String(), "Weights:") {
		t.Errorf("result so far not printed:\n%s", out.String())
	}
	if !strings.HasPrefix(errw.String(), "neuron: interrupted after") {
		t.Errorf("stderr %q", errw.String())
	}
	// The model and the pictures of the run so far are still written.
	for _, f := range []string{model, filepath.Join(dir, "loss.png"), filepath.Join(dir, "boundary.png")} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s not written after the interrupt: %v", f, err)
		}
	}
	out2, errOut, code := runBinary(t, "", "predict", model, "1", "1")
	if code != 0 || !strings.Contains(out2, " ") {
		t.Errorf("predict with the model saved on interrupt: exit %d, %q %q", code, out2, errOut)
	}
}
