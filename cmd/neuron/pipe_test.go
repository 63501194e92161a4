//go:build unix

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

// TestNamedPipeInterrupt: an input that is a named pipe can keep the
// command waiting, for a writer to open it or for data to come. Ctrl-C
// must still stop it at once, with the status of the signal and one line,
// whichever command reads the pipe and whichever wait it is in.
func TestNamedPipeInterrupt(t *testing.T) {
	for _, c := range []struct {
		name  string
		args  func(pipe string) []string
		write string // "" opens no writer: the command waits in open
		ext   string
	}{
		{"train --csv, no writer", func(p string) []string { return []string{"train", "--csv", p} }, "", ".csv"},
		{"train --csv, data stops", func(p string) []string { return []string{"train", "--csv", p} }, "a,b,y\n1,2,0\n", ".csv"},
		{"train table file, no writer", func(p string) []string { return []string{"train", p} }, "", ".csv"},
		{"check table file, data stops", func(p string) []string { return []string{"check", p} }, "a,b,f\n", ".csv"},
		{"predict model, no writer", func(p string) []string { return []string{"predict", p, "1", "1"} }, "", ".json"},
		{"predict --csv, data stops", func(p string) []string { return []string{"predict", "m.json", "--csv", p} }, "a,b\n1,1\n", ".csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if out, err := exec.Command(binary, "train", "and", "--save", filepath.Join(dir, "m.json")).CombinedOutput(); err != nil {
				t.Fatalf("saving a model: %v\n%s", err, out)
			}
			pipe := filepath.Join(dir, "pipe"+c.ext)
			if err := syscall.Mkfifo(pipe, 0o600); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			cmd := exec.Command(binary, c.args(pipe)...)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if c.write != "" {
				// Opening for writing waits for the command to open the
				// pipe for reading; the writer then stays open, silent.
				w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
				w.WriteString(c.write)
			}
			time.Sleep(300 * time.Millisecond)
			cmd.Process.Signal(os.Interrupt)
			start := time.Now()
			err := waitOrKill(t, cmd, nil)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Errorf("%q after Ctrl-C: %v, want exit 130; stderr %q", cmd.Args, err, stderr.String())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%q took %v to stop after Ctrl-C", cmd.Args, d)
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Count(msg, "\n") > 0 || !strings.HasPrefix(msg, "neuron: interrupted") || goInternals.MatchString(msg) {
				t.Errorf("%q after Ctrl-C printed %q, want one line saying it was interrupted", cmd.Args, msg)
			}
		})
	}
}

// TestStreamNeedsRegularFile: --stream reads its file more than once, which
// a pipe cannot give; it says so before waiting for a writer.
func TestStreamNeedsRegularFile(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	cmd := exec.Command(binary, "train", "--csv", pipe, "--stream")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Start()
	err := waitOrKill(t, cmd, nil)
	if exit := (*exec.ExitError)(nil); !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "must be a regular file") {
		t.Errorf("--stream on a pipe: %v, stderr %q; want exit 1 and that it must be a regular file", err, stderr.String())
	}
}
