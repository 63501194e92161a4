package neuron

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNoFusedMultiplyAdd compiles this package for processors that have
// a fused multiply-add instruction and fails where the compiler used one.
// A fused x·y + z rounds once where separate instructions round twice, so
// a seeded run would end with other bits on those processors than on
// amd64. Writing float64(x*y) + z forbids the fusion (see expNeg).
//
// It compiles for arm64, where Go fuses by default, and for amd64 built
// for processors with FMA (GOAMD64=v3). Compiled for ppc64le, s390x,
// riscv64 and loong64 too, the package showed no fusion that arm64 did
// not; they are left out because on a fresh machine each target first
// compiles the standard library, about ten seconds each.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package for two more processors")
	}
	gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gocmd); err != nil {
		if gocmd, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to compile with")
		}
	}
	// A flag that changes every time makes the go command compile the
	// package again rather than reuse its cache, which would print nothing.
	// (-D sets the directory of local imports, which this package has not.)
	flags := fmt.Sprintf("github.com/neuronlab/neuron=-S -D=/nonce%d", time.Now().UnixNano())
	fused := regexp.MustCompile(`^\s+0x[0-9a-f]+ \d+ \(([^)]+)\)\s+(V?FN?M(?:ADD|SUB)\w*)\s`)
	for _, target := range []struct{ goarch, goamd64 string }{
		{"amd64", "v3"}, {"arm64", ""},
	} {
		cmd := exec.Command(gocmd, "build", "-gcflags="+flags, "-o", os.DevNull, ".")
		cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+target.goarch, "GOAMD64="+target.goamd64, "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GOARCH=%s go build: %v\n%s", target.goarch, err, out)
		}
		functions, fn := 0, ""
		for line := range strings.Lines(string(out)) {
			if name, _, ok := strings.Cut(line, " STEXT "); ok {
				fn = name
				functions++
				continue
			}
			if m := fused.FindStringSubmatch(line); m != nil {
				t.Errorf("GOARCH=%s: %s at %s in %s: write float64(x*y) to round the product first", target.goarch, m[2], m[1], fn)
			}
		}
		if functions == 0 { // the listing is missing: the test could not see anything
			t.Fatalf("GOARCH=%s: the compiler printed no functions", target.goarch)
		}
	}
}
