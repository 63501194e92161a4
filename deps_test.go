package neuron

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreImportsStandardLibraryOnly guards the direction of dependencies:
// the core package must not import the CLI, web, plotting or any module
// outside the standard library.
func TestCoreImportsStandardLibraryOnly(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p != "github.com/neuronlab/neuron" {
			t.Errorf("core package depends on %s; it may use the standard library only", p)
		}
	}
	std, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(std)) {
		if p == "net/http" || p == "flag" || strings.HasPrefix(p, "image") {
			t.Errorf("core package imports %s: no web, flags or pictures in the core", p)
		}
	}
}
