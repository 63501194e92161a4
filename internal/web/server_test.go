package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
)

// testServer starts the playground on a loopback address for one test.
func testServer(t *testing.T, o Options) (*Server, *httptest.Server) {
	t.Helper()
	s := New(o)
	ts := httptest.NewServer(s) // listens on 127.0.0.1
	t.Cleanup(ts.Close)
	return s, ts
}

// testFrame is the part of a Frame or State a test reads.
type testFrame struct {
	Iter     int       `json:"iter"`
	Status   string    `json:"status"`
	Message  string    `json:"message"`
	Params   []float64 `json:"params"`
	Out      []float64 `json:"out"`
	Loss     []float64 `json:"loss"`
	Wrong    []int     `json:"wrong"`
	Max      float64   `json:"max"`
	Boundary []float64 `json:"boundary"`
	Explain  string    `json:"explain"`
	Query    string    `json:"query"`
	Finished bool      `json:"finished"`
	History  []struct {
		I    int     `json:"i"`
		Mean float64 `json:"mean"`
	} `json:"history"`
}

// getJSON gets a path and decodes its JSON answer into v; it returns the
// status.
func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	res, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res.StatusCode
}

// trained runs a setup through the package directly: the numbers every
// answer must equal.
func trained(t *testing.T, s run.Setup) (*run.Problem, *run.Outcome) {
	t.Helper()
	p, err := run.Prepare(s, run.CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Train(context.Background(), run.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, out
}

// outputs returns each row's output of model m.
func outputs(p *run.Problem, m neuron.Model) []float64 {
	var o []float64
	for i := range p.Data.Len() {
		x, _ := p.Data.Row(i)
		o = append(o, m.Output(x))
	}
	return o
}

func setup(change func(*run.Setup)) run.Setup {
	s := run.Default()
	change(&s)
	return s
}

// TestTrainIsThePackage: POST /api/train gives the same iterations,
// seed, weights and outputs as training through package run directly.
func TestTrainIsThePackage(t *testing.T) {
	_, ts := testServer(t, Options{})
	for _, s := range []run.Setup{
		run.Default(),
		setup(func(s *run.Setup) { s.Func, s.Seed, s.Stop, s.Goal = "or", 7, neuron.StopRow, 1e-10 }),
		setup(func(s *run.Setup) { s.Func, s.Hidden, s.Seed = "xor", 2, 3 }),
		setup(func(s *run.Setup) { s.Func, s.Hidden, s.Seed, s.Restarts = "xor", 2, 4, 3 }),
		setup(func(s *run.Setup) { s.Func, s.Loss, s.Rate = "maj(a,b,c)", neuron.CrossEntropy, 2 }),
		setup(func(s *run.Setup) { s.Start = []float64{3, 3, -4.5} }),
	} {
		body, _ := json.Marshal(s)
		res, err := ts.Client().Post(ts.URL+"/api/train", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			testFrame
			Iterations int    `json:"iterations"`
			Seed       uint64 `json:"seed"`
			Attempts   []struct {
				Seed uint64 `json:"seed"`
			} `json:"attempts"`
		}
		json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		p, out := trained(t, s)
		if res.StatusCode != http.StatusOK || got.Iterations != out.Iterations || got.Seed != out.Seed || len(got.Attempts) != len(out.Attempts) {
			t.Errorf("%s: status %d, %d iterations with seed %d in %d attempts; the package: %d iterations with seed %d in %d attempts",
				body, res.StatusCode, got.Iterations, got.Seed, len(got.Attempts), out.Iterations, out.Seed, len(out.Attempts))
		}
		if want := neuron.Params(out.Model); !slices.Equal(got.Params, want) {
			t.Errorf("%s: weights %v, the package's %v", body, got.Params, want)
		}
		if want := outputs(p, out.Model); !slices.Equal(got.Out, want) {
			t.Errorf("%s: outputs %v, the package's %v", body, got.Out, want)
		}
		if (got.Status == statusLearned) != (out.Status == neuron.GoalMet) {
			t.Errorf("%s: status %q, the package's %v", body, got.Status, out.Status)
		}
	}
}

// TestStateIsARunStoppedThere: the state at iteration N has the weights
// and outputs of a fresh run whose cap is N; past the run's end it is the
// end.
func TestStateIsARunStoppedThere(t *testing.T) {
	_, ts := testServer(t, Options{})
	for _, s := range []run.Setup{run.Default(), setup(func(s *run.Setup) { s.Func, s.Hidden, s.Seed = "xor", 2, 3 })} {
		_, full := trained(t, s)
		for _, n := range []int{0, 1, 2, 100, 4321, full.Iterations - 1, full.Iterations, full.Iterations + 7} {
			var got testFrame
			q := s.Query()
			q.Set("iter", strconv.Itoa(n))
			if code := getJSON(t, ts, "/api/state?"+q.Encode(), &got); code != http.StatusOK {
				t.Fatalf("iter %d: status %d, %s", n, code, got.Message)
			}
			// A fresh run with cap n: a different path through the
			// package from the server's StopAt.
			capped := s
			capped.MaxIter = n
			p, err := run.Prepare(capped, run.CommandLimits)
			if err != nil {
				t.Fatal(err)
			}
			var m neuron.Model
			wantIter := 0
			if n == 0 {
				m, _ = p.NewModel(s.Seed)
			} else {
				out, err := p.Train(context.Background(), run.Options{})
				if err != nil {
					t.Fatal(err)
				}
				m, wantIter = out.Model, out.Iterations
			}
			if got.Iter != wantIter || !slices.Equal(got.Params, neuron.Params(m)) || !slices.Equal(got.Out, outputs(p, m)) {
				t.Errorf("%s iter %d: iteration %d, weights %v; a run capped there: iteration %d, weights %v",
					s.Func, n, got.Iter, got.Params, wantIter, neuron.Params(m))
			}
			if end := n >= full.Iterations; got.Finished != end || (got.Status == statusLearned) != end {
				t.Errorf("%s iter %d: status %q, finished %v; the run ends at %d", s.Func, n, got.Status, got.Finished, full.Iterations)
			}
			if want := "iter=" + strconv.Itoa(wantIter); !strings.Contains(got.Query, want) {
				t.Errorf("%s iter %d: query %q lacks %s", s.Func, n, got.Query, want)
			}
			if last := got.History[len(got.History)-1]; last.I != wantIter || len(got.History) > historyPoints {
				t.Errorf("%s iter %d: loss curve of %d points ends at %d", s.Func, n, len(got.History), last.I)
			}
			if (n > 0) != strings.HasPrefix(got.Explain, "Step "+explain.Count(wantIter)+", worked by hand") {
				t.Errorf("%s iter %d: explanation %.60q", s.Func, n, got.Explain)
			}
		}
	}
}

// TestErrors: bad requests get the right status and one clear line of
// JSON, in the user's words.
func TestErrors(t *testing.T) {
	_, ts := testServer(t, Options{})
	long := "a" + strings.Repeat(" & a", 60)
	for _, c := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"POST", "/api/train", `{"func": "and"`, 400, "the JSON ends too soon"},
		{"POST", "/api/train", `{func: and}`, 400, "not valid JSON"},
		{"POST", "/api/train", `{"rate": "fast"}`, 400, `field "rate"`},
		{"POST", "/api/train", `{"bogus": 1}`, 400, `unknown setting "bogus"`},
		{"POST", "/api/train", `{"func": "` + strings.Repeat("a", 9000) + `"}`, 413, "larger than the 8,192 bytes allowed"},
		{"POST", "/api/train", `{"func": "xor"}`, 422, "one neuron cannot learn xor"},
		{"POST", "/api/train", `{"func": "and", "restarts": 11}`, 400, "restarts must be 0 to 10"},
		{"GET", "/api/state?func=zzz", "", 400, `unknown function "zzz"`},
		{"GET", "/api/state?func=" + url.QueryEscape("a &"), "", 400, "unexpected end of expression"},
		{"GET", "/api/state?func=" + url.QueryEscape(long), "", 400, "at most 200 allowed"},
		{"GET", "/api/state?func=and7", "", 400, "at most 6 allowed here"},
		{"GET", "/api/state?func=and&rate=-1", "", 400, "rate"},
		{"GET", "/api/state?func=and&rate=fast", "", 400, "not a number"},
		{"GET", "/api/state?func=and&hidden=9", "", 400, "hidden neurons must be 0 (one neuron) to 8"},
		{"GET", "/api/state?func=and&max-iter=0", "", 400, "iteration cap must be 1 to 10000000"},
		{"GET", "/api/state?func=and&max-iter=20000000", "", 400, "iteration cap must be 1 to 10000000"},
		{"GET", "/api/state?func=and&iter=-3", "", 400, "iter \"-3\": must not be negative"},
		{"GET", "/api/state?func=and&start=1,2", "", 400, "2 starting weights given"},
		{"GET", "/api/state?func=and&restarts=2", "", 400, "change the seed"},
		{"GET", "/api/state?func=and&bogus=1", "", 400, `unknown setting "bogus"`},
		{"GET", "/api/state?func=%zz", "", 400, "malformed"},
		{"GET", "/api/state?func=and3&show=a,z", "", 400, `no input is named "z"`},
		{"GET", "/api/state?func=and3&fix=2", "", 400, "want a 0 or 1 for each of the 3 inputs"},
		{"GET", "/api/state?func=xor", "", 422, "one neuron cannot learn xor"},
		{"GET", "/api/run?func=and&speed=0", "", 400, "want 1 to"},
		{"GET", "/api/run?func=and&from=x", "", 400, "from \"x\": not a whole number"},
		{"GET", "/api/check?func=", "", 400, "no function given"},
		{"POST", "/api/state?func=and", "", 405, "/api/state takes GET requests, not POST"},
		{"GET", "/api/train", "", 405, "/api/train takes POST requests, not GET"},
		{"HEAD", "/api/run?func=and", "", 405, ""},
		{"GET", "/nowhere", "", 404, "nothing at /nowhere"},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var body struct {
			Error string `json:"error"`
		}
		err = json.Unmarshal(raw, &body)
		msg := body.Error
		switch {
		case res.StatusCode != c.status:
			t.Errorf("%s %s: status %d, want %d (%s)", c.method, run.Short(c.path), res.StatusCode, c.status, raw)
		case c.method == "HEAD":
			continue // no body to read
		case err != nil || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json"):
			t.Errorf("%s %s: not JSON: %s", c.method, run.Short(c.path), raw)
		case !strings.Contains(msg, c.want):
			t.Errorf("%s %s: error %q, want it to say %q", c.method, run.Short(c.path), msg, c.want)
		case strings.ContainsAny(msg, "\n") || goInternals(msg):
			t.Errorf("%s %s: error %q is not one line in people's words", c.method, run.Short(c.path), msg)
		}
		if c.status == 405 && res.Header.Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", c.method, c.path)
		}
	}
}

// goInternals reports whether a message shows Go's words, not ours.
func goInternals(msg string) bool {
	for _, w := range []string{"strconv", "json:", "float64", "boolfn:", "neuron:", "context canceled", "runtime", "http:", "invalid syntax"} {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// TestCannotLearn: one neuron on XOR gets 422 with why, in the words of
// 'neuron check', the function's rows, and a network to try instead.
func TestCannotLearn(t *testing.T) {
	_, ts := testServer(t, Options{})
	var body struct {
		Error, Reason, Explain, Query string
		Hidden                        int
		Table                         []tableRow
	}
	code := getJSON(t, ts, "/api/state?func=xor&iter=10", &body)
	if code != http.StatusUnprocessableEntity || body.Reason != "not-separable" || body.Hidden != 2 || len(body.Table) != 4 {
		t.Fatalf("status %d, %+v", code, body)
	}
	if !strings.Contains(body.Explain, "same point") || !strings.Contains(body.Error, "(1/2, 1/2)") || !strings.Contains(body.Query, "iter=0") {
		t.Errorf("the reason does not say why: %+v", body)
	}
	var st testFrame
	if code := getJSON(t, ts, "/api/state?func=xor&hidden=2", &st); code != http.StatusOK || st.Status != statusStart {
		t.Errorf("xor with 2 hidden neurons: status %d, %+v", code, st)
	}
	if code := getJSON(t, ts, "/api/state?func=xor&force=true&iter=100", &st); code != http.StatusOK || st.Iter != 100 {
		t.Errorf("xor with one neuron, forced: status %d, %+v", code, st)
	}
}

func TestFunctionsAndCheck(t *testing.T) {
	_, ts := testServer(t, Options{})
	var fs struct {
		Functions []struct {
			Name      string
			Separable bool
		}
		Limits map[string]float64
	}
	getJSON(t, ts, "/api/functions", &fs)
	var not []string
	for _, f := range fs.Functions {
		if !f.Separable {
			not = append(not, f.Name)
		}
	}
	if len(fs.Functions) != 16 || !slices.Equal(not, []string{"xor", "xnor"}) || fs.Limits["hidden"] != 8 {
		t.Errorf("functions: %d, not separable %v, limits %v; want 16, xor and xnor, 8 hidden", len(fs.Functions), not, fs.Limits)
	}
	var c struct {
		Separable bool
		Explain   string
		Weights   []float64
	}
	if getJSON(t, ts, "/api/check?func="+url.QueryEscape("maj(a,b,c)"), &c); !c.Separable || len(c.Weights) != 3 {
		t.Errorf("maj(a,b,c): %+v", c)
	}
	if getJSON(t, ts, "/api/check?func=xnor", &c); c.Separable || !strings.Contains(c.Explain, "not separable") {
		t.Errorf("xnor: %+v", c)
	}
}

// TestPage: the page and its files come from this server, and only from
// it, gzipped for browsers that take it, and within the weight aimed for:
// a quarter of TensorFlow Playground's 523 KB.
func TestPage(t *testing.T) {
	s, ts := testServer(t, Options{})
	for _, path := range []string{"/"} {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'; script-src 'sha256-") {
			t.Errorf("GET %s: %d, encoding %q, policy %q", path, res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Security-Policy"))
		}
		req.Header.Set("If-None-Match", res.Header.Get("ETag"))
		if res, err := http.DefaultTransport.RoundTrip(req); err != nil || res.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s again with its ETag: %v, want 304", path, res.Status)
		}
	}
	page, gz := s.PageBytes()
	if page > 523_000/4 {
		t.Errorf("the page weighs %d bytes, more than a quarter of 523 KB", page)
	}
	t.Logf("page: %d bytes, %d gzipped", page, gz)
	for _, bad := range []string{"http://", "https://", "src=", "href=\"/", "@import", "url("} {
		if bytes.Contains(s.pageFile.body, []byte(bad)) {
			t.Errorf("the page has %q: it must load nothing", bad)
		}
	}
	res, err := ts.Client().Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{`<option value="and">and (0001)</option>`, `<option value="xor">xor (0110)</option>`, `label for="speed"`, `value="8">8 hidden neurons`} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// event is one Server-Sent Event.
type event struct {
	name  string
	frame testFrame
}

// readStream reads events from a stream until it ends or until stop
// returns true.
func readStream(t *testing.T, r io.Reader, stop func(event) bool) []event {
	t.Helper()
	var evs []event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var name string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e := event{name: name}
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e.frame); err != nil {
				t.Fatalf("event %s: %v", name, err)
			}
			evs = append(evs, e)
			if stop(e) || name == "end" {
				return evs
			}
		}
	}
	return evs
}

// openStream starts a stream; cancel closes it, as a closed tab does.
func openStream(t *testing.T, ts *httptest.Server, client *http.Client, query string) (*http.Response, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/run?"+query, nil)
	res, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	return res, cancel
}

// TestStreamIsTheRun: a stream's frames come in order after from, and
// its last frame is the run's end, with the package's numbers; any frame
// equals the state at its iteration.
func TestStreamIsTheRun(t *testing.T) {
	_, ts := testServer(t, Options{})
	for _, c := range []struct {
		s    run.Setup
		from int
	}{
		{run.Default(), 0},
		{run.Default(), 10_000},
		{setup(func(s *run.Setup) { s.Func, s.Hidden, s.Seed = "xor", 2, 3 }), 2_000},
	} {
		p, full := trained(t, c.s)
		q := c.s.Query()
		q.Set("from", strconv.Itoa(c.from))
		q.Set("speed", "max")
		res, cancel := openStream(t, ts, ts.Client(), q.Encode())
		evs := readStream(t, res.Body, func(event) bool { return false })
		res.Body.Close()
		cancel()
		last := evs[len(evs)-1]
		if last.name != "end" || last.frame.Iter != full.Iterations || last.frame.Status != statusLearned ||
			!slices.Equal(last.frame.Params, neuron.Params(full.Model)) || !slices.Equal(last.frame.Out, outputs(p, full.Model)) {
			t.Errorf("%s from %d: last event %s at %d (%s), weights %v; the run ends at %d with %v",
				c.s.Func, c.from, last.name, last.frame.Iter, last.frame.Status, last.frame.Params, full.Iterations, neuron.Params(full.Model))
		}
		prev := c.from
		for _, e := range evs[:len(evs)-1] {
			if e.name != "frame" || e.frame.Iter <= prev || e.frame.Status != statusRunning {
				t.Fatalf("%s from %d: event %s at iteration %d (%s) after %d", c.s.Func, c.from, e.name, e.frame.Iter, e.frame.Status, prev)
			}
			prev = e.frame.Iter
		}
		if len(evs) > 1 {
			mid := evs[len(evs)/2].frame
			var st testFrame
			sq := c.s.Query()
			sq.Set("iter", strconv.Itoa(mid.Iter))
			getJSON(t, ts, "/api/state?"+sq.Encode(), &st)
			if !slices.Equal(st.Params, mid.Params) || !slices.Equal(st.Loss, mid.Loss) {
				t.Errorf("%s: the frame at %d has weights %v, the state there %v", c.s.Func, mid.Iter, mid.Params, st.Params)
			}
		}
	}
}

// TestStreamSlow: at up to 30 iterations a second, every iteration has
// its own frame.
func TestStreamSlow(t *testing.T) {
	if testing.Short() {
		t.Skip("takes half a second")
	}
	_, ts := testServer(t, Options{})
	res, cancel := openStream(t, ts, ts.Client(), "func=and&speed=20&from=5")
	defer cancel()
	evs := readStream(t, res.Body, func(e event) bool { return e.frame.Iter >= 12 })
	res.Body.Close()
	for k, e := range evs {
		if e.frame.Iter != 6+k {
			t.Fatalf("frame %d is iteration %d, want %d", k, e.frame.Iter, 6+k)
		}
	}
}

// TestClosedStreamStops: a browser that goes away stops its run at once,
// and the server's goroutines return to what they were.
func TestClosedStreamStops(t *testing.T) {
	s, ts := testServer(t, Options{})
	tr := &http.Transport{}
	client := &http.Client{Transport: tr}
	before := runtime.NumGoroutine()
	// A long run at full speed: 10 million iterations of a 2-8-1 network
	// toward a goal it will not meet, with no stall check.
	res, cancel := openStream(t, ts, client, "func=xor&hidden=8&goal=1e-12&stall=0&speed=max")
	evs := readStream(t, res.Body, func(event) bool { return true })
	if len(evs) != 1 || s.Training() != 1 {
		t.Fatalf("got %d events, %d runs training; want a frame of a run in progress", len(evs), s.Training())
	}
	cancel()
	res.Body.Close()
	tr.CloseIdleConnections()
	waitFor(t, "the run to stop", func() bool { return s.Training() == 0 && len(s.streams) == 0 })
	waitFor(t, "the goroutines to return to their number before", func() bool { return runtime.NumGoroutine() <= before })
}

// waitFor waits up to 5 s for cond.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestTooManyStreams: one stream more than allowed is refused with 429
// and a message, and a slot freed is a slot again.
func TestTooManyStreams(t *testing.T) {
	s, ts := testServer(t, Options{Streams: 1})
	res, cancel := openStream(t, ts, ts.Client(), "func=and&speed=1")
	defer cancel()
	var body struct{ Error string }
	if code := getJSON(t, ts, "/api/run?func=and&speed=1", &body); code != http.StatusTooManyRequests || !strings.Contains(body.Error, "1 streams are running") {
		t.Errorf("a second stream: %d %q, want 429 and why", code, body.Error)
	}
	cancel()
	res.Body.Close()
	waitFor(t, "the stream's slot", func() bool { return len(s.streams) == 0 })
	res, cancel2 := openStream(t, ts, ts.Client(), "func=and&speed=1")
	defer cancel2()
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("a stream after the first closed: %d", res.StatusCode)
	}
}

// TestStreamTimeLimit: a stream ends at its time limit with a last frame
// that says so, paused where it got to.
func TestStreamTimeLimit(t *testing.T) {
	_, ts := testServer(t, Options{StreamTime: 200 * time.Millisecond})
	res, cancel := openStream(t, ts, ts.Client(), "func=and&speed=10")
	defer cancel()
	evs := readStream(t, res.Body, func(event) bool { return false })
	res.Body.Close()
	last := evs[len(evs)-1]
	if last.name != "end" || last.frame.Status != statusPaused || !strings.Contains(last.frame.Message, "limit of 200ms") || last.frame.Iter < 1 {
		t.Errorf("last event %s at %d: %s %q", last.name, last.frame.Iter, last.frame.Status, last.frame.Message)
	}
}

// TestShutdown: Serve returns when its context ends, after telling the
// streams.
func TestShutdown(t *testing.T) {
	s := New(Options{})
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/api/run?func=and&speed=1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	evs := make(chan []event, 1)
	go func() { evs <- readStream(t, res.Body, func(event) bool { return false }) }()
	time.Sleep(50 * time.Millisecond)
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(shutdownTime):
		t.Fatal("Serve did not return after its context ended")
	}
	got := <-evs
	if last := got[len(got)-1]; last.name != "end" || !strings.Contains(last.frame.Message, "shutting down") {
		t.Errorf("the stream's last event: %s %q", last.name, last.frame.Message)
	}
}

// TestView: for more than two inputs, the picture shows the two chosen,
// the others held at the values fixed, and the rows on that slice.
func TestView(t *testing.T) {
	_, ts := testServer(t, Options{})
	var def, st struct {
		testFrame
		Heat  string
		Show  [2]int
		Fix   string
		Table []tableRow
		Line  *lineView
	}
	getJSON(t, ts, "/api/state?func=and3&iter=50", &def)
	getJSON(t, ts, "/api/state?func=and3&iter=50&show=a,c&fix=011", &st)
	var shown []string
	for _, r := range st.Table {
		if r.Shown {
			shown = append(shown, fmt.Sprint(r.X))
		}
	}
	if st.Show != [2]int{0, 2} || st.Fix != "011" || st.Line == nil || st.Line.IX != 0 || st.Line.IY != 2 {
		t.Errorf("show a,c with b = 1: show %v, fix %q, line %+v", st.Show, st.Fix, st.Line)
	}
	if want := "[0 1 0] [0 1 1] [1 1 0] [1 1 1]"; strings.Join(shown, " ") != want {
		t.Errorf("rows shown %v, want those with b = 1: %s", shown, want)
	}
	if !strings.Contains(st.Query, "show=a%2Cc") || !strings.Contains(st.Query, "fix=011") {
		t.Errorf("query %q does not keep the view", st.Query)
	}
	if st.Heat == def.Heat || !slices.Equal(st.Params, def.Params) {
		t.Errorf("another view of the same run: the heat map should change, the weights not")
	}
}

// TestAnswersTakeTurns: answers that train wait for a worker, within the
// time an answer may take.
func TestAnswersTakeTurns(t *testing.T) {
	s, ts := testServer(t, Options{WorkTime: 100 * time.Millisecond})
	for range cap(s.work) {
		s.work <- struct{}{} // every worker busy
	}
	var body struct{ Error string }
	if code := getJSON(t, ts, "/api/state?func=and&iter=10", &body); code != http.StatusServiceUnavailable || !strings.Contains(body.Error, "took longer than the 100ms") {
		t.Errorf("with every worker busy: %d %q, want 503 and why", code, body.Error)
	}
	for range cap(s.work) {
		<-s.work
	}
	var st testFrame
	if code := getJSON(t, ts, "/api/state?func=and&iter=10", &st); code != http.StatusOK || st.Iter != 10 {
		t.Errorf("with a worker free: %d, iteration %d", code, st.Iter)
	}
}
