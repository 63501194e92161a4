package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neuronlab/neuron/internal/cli"
	"github.com/neuronlab/neuron/internal/web"
)

// neuronCmd runs the command with args, as a user types it.
func neuronCmd(t *testing.T, ctx context.Context, out io.Writer, args ...string) error {
	t.Helper()
	return cli.Run(ctx, args, cli.IO{In: strings.NewReader(""), Out: out, Err: out})
}

// TestSameAsTheCommand: the page's numbers are the command's. For the
// same settings the state at the run's end is learned at the iteration
// 'neuron train' prints, and the step worked by hand at iteration N is
// the text of 'neuron train --explain=N'.
func TestSameAsTheCommand(t *testing.T) {
	ts := httptest.NewServer(web.New(web.Options{}))
	defer ts.Close()
	for _, c := range []struct {
		query string // the page's setup
		args  []string
		step  int
	}{
		{"func=and", []string{"train", "and"}, 5},
		{"func=or&seed=2&stop=row&goal=1e-10", []string{"train", "or", "--seed", "2", "--stop", "row", "--goal", "1e-10"}, 1},
		{"func=xor&hidden=2&seed=3", []string{"train", "xor", "--hidden", "2", "--seed", "3"}, 700},
		{"func=nand&loss=cross-entropy&rate=2", []string{"train", "nand", "--loss", "cross-entropy", "--rate", "2"}, 12},
	} {
		var out bytes.Buffer
		if err := neuronCmd(t, context.Background(), &out, c.args...); err != nil {
			t.Fatalf("neuron %s: %v", strings.Join(c.args, " "), err)
		}
		learned := regexp.MustCompile(`Learned in ([\d,]+) iterations`).FindStringSubmatch(out.String())
		if learned == nil {
			t.Fatalf("neuron %s printed no iterations:\n%s", strings.Join(c.args, " "), out.String())
		}
		var end struct {
			Status, Message string
		}
		get(t, ts.URL+"/api/state?"+c.query+"&iter=100000000", &end)
		if end.Status != "learned" || !strings.HasPrefix(end.Message, "Learned in "+learned[1]+" iterations") {
			t.Errorf("%s: the page ends %q (%s); the command learned in %s iterations", c.query, end.Message, end.Status, learned[1])
		}

		out.Reset()
		args := append(append([]string(nil), c.args...), "--explain="+itoa(c.step))
		if err := neuronCmd(t, context.Background(), &out, args...); err != nil {
			t.Fatal(err)
		}
		var st struct{ Explain string }
		get(t, ts.URL+"/api/state?"+c.query+"&iter="+itoa(c.step), &st)
		if st.Explain == "" || !strings.Contains(out.String(), st.Explain) {
			t.Errorf("%s: the page explains step %d as\n%s\nnot as the command does:\n%s", c.query, c.step, st.Explain, out.String())
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func get(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a buffer that the command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand: 'neuron serve' prints the address, answers there,
// and stops cleanly when its context ends (Ctrl-C).
func TestServeCommand(t *testing.T) {
	var out syncBuffer
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- neuronCmd(t, ctx, &out, "serve", "--addr", "127.0.0.1:0") }()
	addr := regexp.MustCompile(`neuron playground: (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == ""; time.Sleep(5 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve printed no address: %q", out.String())
		}
	}
	var st struct{ Iter int }
	get(t, url+"api/state?func=and&iter=10", &st)
	if st.Iter != 10 {
		t.Errorf("the served state is at iteration %d, want 10", st.Iter)
	}
	stop()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(out.String(), "Stopped.") {
			t.Errorf("serve ended with %v, printed %q", err, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
}

// TestServeHelpAndErrors: the help states every limit; bad flags get one
// clear line.
func TestServeHelpAndErrors(t *testing.T) {
	var help bytes.Buffer
	if err := neuronCmd(t, context.Background(), &help, "serve", "--help"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"127.0.0.1:8080", "at most 200 characters and 6 inputs", "at most 8 hidden neurons",
		"from 1 to 10,000,000", "at most 8,192 bytes", "--streams", "--stream-time", "--stream-idle", "429", "0.0.0.0:8080"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("'neuron serve --help' does not say %q", want)
		}
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--stream-time", "soon"}, `--stream-time "soon": not a duration such as 30s, 10m or 1h30m`},
		{[]string{"serve", "--stream-idle", "-1s"}, "must be more than 0"},
		{[]string{"serve", "--streams", "0"}, "--streams must be at least 1"},
		{[]string{"serve", "--addr", busy.Addr().String()}, "the port is in use"},
		{[]string{"serve", "--addr", "nonsense"}, `want host:port`},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, "the port must be a number from 0 to 65535"},
		{[]string{"serve", "extra"}, "takes no arguments"},
	} {
		var out bytes.Buffer
		err := neuronCmd(t, context.Background(), &out, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("neuron %s: %v, want one line saying %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}
