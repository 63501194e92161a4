package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeProgram: the Go program in the README's "In your own Go
// program" section compiles and runs as written, and prints what the
// README says it prints.
func TestReadmeProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## In your own Go program\n")
	section, _, _ = strings.Cut(section, "\n## ")
	program, rest, ok2 := cutBlock(section, "```go\n")
	printed, _, ok3 := cutBlock(rest, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no section \"In your own Go program\" with a ```go block and the output it prints")
	}
	file := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(file, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	// Run from the module's root, so that the program builds against this
	// module as it is.
	cmd := exec.Command(goTool, "run", file)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's program does not run: %v\n%s\n%s", err, out, program)
	}
	if string(out) != printed {
		t.Errorf("the README's program prints\n%s\nbut the README says\n%s", out, printed)
	}
}

// cutBlock returns the text of the first fenced block that opens with
// fence, and the text after it.
func cutBlock(s, fence string) (block, after string, ok bool) {
	_, s, ok = strings.Cut(s, fence)
	if !ok {
		return "", "", false
	}
	block, after, ok = strings.Cut(s, "```")
	return block, after, ok
}
