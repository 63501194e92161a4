package web_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/web"
)

var update = flag.Bool("update", false, "rewrite docs/playground.png, the README's screenshot, from the browser test")

// chromium is Debian's browser, which the browser test drives.
const chromium = "/usr/bin/chromium"

// browserEnv, set to 1, makes a missing browser a failure, not a skip:
// CI sets it, so that the test always runs there.
const browserEnv = "NEURON_BROWSER_TEST"

// A bytesServed counts the bytes the server sends for each path, as sent
// (gzipped where the browser takes it).
type bytesServed struct {
	mu    sync.Mutex
	bytes map[string]int
	h     http.Handler
}

func (b *bytesServed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	b.h.ServeHTTP(cw, r)
	b.mu.Lock()
	b.bytes[r.URL.Path] += cw.n
	b.mu.Unlock()
}

func (b *bytesServed) take() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.bytes
	b.bytes = map[string]int{}
	return m
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += n
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestBrowser drives the page in a real browser, headless Chromium on
// loopback: AND learned to the iteration 'neuron train and' prints,
// stepping by button and by key, a reload that restores the iteration,
// typed weights and a dragged line, XOR with one neuron and the way to a
// network, and a phone-sized screen without sideways scrolling. It logs
// the page's weight and its time to the first frame.
func TestBrowser(t *testing.T) {
	required := os.Getenv(browserEnv) == "1"
	if _, err := os.Stat(chromium); err != nil {
		if required {
			t.Fatalf("%s=1 but there is no browser: %v (apt-get install -y chromium)", browserEnv, err)
		}
		t.Skipf("no %s: this test needs Debian's chromium (apt-get install -y chromium); %s=1 makes this a failure", chromium, browserEnv)
	}
	if testing.Short() && !required {
		t.Skip("starts a browser: seconds")
	}
	counter := &bytesServed{bytes: map[string]int{}, h: web.New(web.Options{})}
	ts := httptest.NewServer(counter) // 127.0.0.1
	defer ts.Close()
	b := newBrowser(t)

	// The page loads, from this server only, and draws its first frame.
	b.viewport(1280, 1000)
	b.navigate(ts.URL + "/")
	b.waitState("the first state", "neuronPage.st && neuronPage.st.iter === 0")
	firstFrame := b.number("neuronPage.firstFrame")
	served := counter.take()
	weight(t, b, ts.URL, served)
	// More loads, for a steadier time to the first frame (the first load
	// of a new browser also starts its renderer), each after a load of a
	// blank page that draws one rectangle on a canvas as soon as it can:
	// what the browser and machine take for any page.
	blank := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><canvas id="c"></canvas>` +
			`<script>document.addEventListener("DOMContentLoaded", () => { document.getElementById("c").getContext("2d").fillRect(0, 0, 10, 10); window.firstFrame = performance.now(); });</script>`))
	}))
	defer blank.Close()
	var page, state, frame, bare []float64
	for range 9 {
		b.navigate(blank.URL)
		b.waitState("the blank page", "window.firstFrame !== undefined")
		bare = append(bare, b.number("window.firstFrame"))
		b.navigate(ts.URL + "/")
		b.waitState("the first state", "neuronPage.st && neuronPage.st.iter === 0")
		page = append(page, b.number(`performance.getEntriesByType("navigation")[0].responseEnd`))
		state = append(state, b.number(`performance.getEntriesByType("resource").find(e => e.name.includes("/api/state")).responseEnd`))
		frame = append(frame, b.number("neuronPage.firstFrame"))
	}
	t.Logf("first frame drawn %.0f ms after navigation began, in a new browser; over %d more loads, medians: the page received at %.0f ms, its first state at %.0f ms, its first frame drawn at %.0f ms (fastest %.0f, slowest %.0f); a blank page's canvas drawn at %.0f ms; ratio %.2f",
		firstFrame, len(frame), median(page), median(state), median(frame), slices.Min(frame), slices.Max(frame), median(bare), median(frame)/median(bare))
	b.snapshotHeat()
	b.labelled()

	// Step by button, then by key: the count goes up by one each time.
	b.click("step")
	b.waitState("iteration 1", `neuronPage.st.iter === 1 && document.getElementById("iter").textContent === "1"`)
	b.key(kb.ArrowRight)
	b.waitState("iteration 2 after →", `neuronPage.st.iter === 2 && document.getElementById("iter").textContent === "2"`)
	if u := b.text("location.search"); !strings.Contains(u, "iter=2") {
		t.Errorf("after two steps the address is %s, want iter=2 in it", u)
	}

	// Choose AND, play as fast as it goes, and wait for "learned" at the
	// iteration the command prints.
	want := cliIterations(t, run.Default())
	b.choose("func", "and")
	b.waitState("AND at iteration 0", "neuronPage.st.iter === 0")
	b.eval(`(() => { const s = document.getElementById("speed"); s.value = s.max; s.dispatchEvent(new Event("input")); })()`)
	b.click("play")
	b.waitState("learned", `document.querySelector(".status").dataset.status === "learned" && neuronPage.st.iter === neuronPage.frame.iter && neuronPage.st.finished`)
	if got := b.text(`document.getElementById("iter").textContent`); got != explain.Count(want) {
		t.Errorf("the page learned AND in %s iterations, 'neuron train and' in %s", got, explain.Count(want))
	}
	if msg := b.text(`document.getElementById("message").textContent`); !strings.HasPrefix(msg, "Learned in "+explain.Count(want)+" iterations") {
		t.Errorf("message %q", msg)
	}
	if changed := b.heatChanged(); changed < 0.2 {
		t.Errorf("%.0f%% of the heat map's pixels changed from iteration 0 to the end, want more", 100*changed)
	}

	// A reload shows the same setup at the same iteration.
	b.run(chromedp.Reload())
	b.waitState("the state after a reload", fmt.Sprintf("neuronPage.st && neuronPage.st.iter === %d", want))
	if got, fn := b.text(`document.getElementById("iter").textContent`), b.text(`document.getElementById("func").value`); got != explain.Count(want) || fn != "and" {
		t.Errorf("after a reload: %s at iteration %s, want and at %s", fn, got, explain.Count(want))
	}

	// Space plays and pauses.
	b.click("reset")
	b.waitState("iteration 0 after reset", "neuronPage.st.iter === 0")
	b.eval(`(() => { const s = document.getElementById("speed"); s.value = "3"; s.dispatchEvent(new Event("input")); document.activeElement.blur(); })()`) // 10 a second
	b.key(" ")
	b.waitState("playing, 2 iterations in", "neuronPage.stream !== null && neuronPage.frame.iter >= 2")
	b.key(" ")
	b.waitState("paused", "neuronPage.stream === null && neuronPage.st.iter === neuronPage.frame.iter && neuronPage.st.iter >= 2")
	paused := b.number("neuronPage.frame.iter")
	time.Sleep(300 * time.Millisecond)
	if now := b.number("neuronPage.frame.iter"); now != paused {
		t.Errorf("paused at %v, but the count went on to %v", paused, now)
	}

	// Typed weights: every row's output follows at once, and the address
	// keeps them; reset returns to them.
	for i, v := range []string{"1", "1", "-1.5"} {
		b.eval(fmt.Sprintf(`(() => { const f = document.getElementById("p%d"); f.value = %q; f.dispatchEvent(new Event("change")); })()`, i, v))
		b.waitState("the typed weight", fmt.Sprintf("neuronPage.st.iter === 0 && neuronPage.st.params[%d] === %s", i, v))
	}
	o := fmt.Sprintf("%.4f", neuron.Sigmoid(1+1-1.5))
	if got := b.text(`document.querySelector("#rows-body tr:last-child .o").textContent`); got != o {
		t.Errorf("with w = (1, 1), b = −1.5 the output for (1, 1) shows %s, want σ(0.5) = %s", got, o)
	}
	if u := b.text("location.search"); !strings.Contains(u, "start=1%2C1%2C-1.5") {
		t.Errorf("the address %s does not keep the typed weights", u)
	}
	b.key(kb.ArrowRight)
	b.key(kb.ArrowRight)
	b.waitState("two steps from the typed weights", "neuronPage.st.iter === 2")
	b.click("reset")
	b.waitState("reset to the typed weights", "neuronPage.st.iter === 0")
	if p := b.numbers("neuronPage.st.params"); !slices.Equal(p, []float64{1, 1, -1.5}) {
		t.Errorf("reset went to weights %v, want the typed 1, 1, -1.5", p)
	}

	// Drag the line to the right: the bias falls, the weights stay.
	b.eval(`document.getElementById("heat").scrollIntoView({block: "center"})`)
	from := b.pointOnHeat("[(neuronPage.frame.boundary[0] + neuronPage.frame.boundary[2]) / 2, (neuronPage.frame.boundary[1] + neuronPage.frame.boundary[3]) / 2]")
	b.run(chromedp.DragAndDropXY(from[0], from[1], from[0]+40, from[1], 8))
	b.waitState("the dragged line", "neuronPage.st.params[2] < -1.6 && !neuronPage.q.get('start').endsWith(',-1.5')")
	if p := b.numbers("neuronPage.st.params"); p[0] != 1 || p[1] != 1 {
		t.Errorf("moving the line changed its weights: %v", p)
	}
	// Drag a handle: the line turns, its weights as long as before.
	hd := b.pointOnHeat("handles(neuronPage.frame)[1]")
	b.run(chromedp.DragAndDropXY(hd[0], hd[1], hd[0], hd[1]-50, 8))
	b.waitState("the turned line", "neuronPage.st.params[0] !== neuronPage.st.params[1]")
	if p := b.numbers("neuronPage.st.params"); math.Abs(math.Hypot(p[0], p[1])-math.Sqrt2) > 1e-9 {
		t.Errorf("turning the line changed the size of its weights: %v", p)
	}
	if u := b.text("location.search"); !strings.Contains(u, "start=") {
		t.Errorf("the address %s does not keep the dragged weights", u)
	}

	// XOR with one neuron: why not, and the way to a network.
	b.choose("func", "xor")
	b.waitState("the cannot-learn message", `document.querySelector(".status").dataset.status === "cannot" && document.getElementById("use-network") !== null`)
	if msg := b.text(`document.getElementById("message").textContent`); !strings.Contains(msg, "cannot learn xor") {
		t.Errorf("XOR with one neuron says %q", msg)
	}
	if b.screenshotWanted() {
		defer b.screenshot(ts.URL + "/?func=xor&hidden=2&seed=3&iter=6500&speed=2000")
	}
	b.click("use-network")
	b.waitState("a network on XOR", `neuronPage.st && neuronPage.st.setup.hidden === 2 && neuronPage.st.iter === 0`)
	if h := b.text(`document.getElementById("hidden").value`); h != "2" {
		t.Errorf("after the button, the model is %q, want 2 hidden neurons", h)
	}

	// A phone: no sideways scrolling, whatever the page shows.
	b.viewport(390, 844)
	for _, q := range []string{"func=and&iter=3000", "func=xor", "func=xor&hidden=8&iter=50", "func=" + "maj(a,b,c)" + "&iter=20"} {
		b.navigate(ts.URL + "/?" + q)
		b.waitState("the page on a phone", `neuronPage.frame !== null || document.querySelector(".status").dataset.status === "cannot"`)
		b.eval(`document.getElementById("explain-box").open = true`)
		b.labelled()
		if w, sw := b.number("window.innerWidth"), b.number("document.documentElement.scrollWidth"); sw > w {
			t.Errorf("%s at 390 px wide: the page is %v px wide, it scrolls sideways", q, sw)
		}
	}
}

// weight logs what the first load of the page cost, and checks that it
// came from this server only.
func weight(t *testing.T, b *browser, origin string, served map[string]int) {
	var entries []struct {
		Name     string  `json:"name"`
		Transfer float64 `json:"transferSize"`
		Decoded  float64 `json:"decodedBodySize"`
	}
	b.evalInto(`performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).map(e => ({name: e.name, transferSize: e.transferSize, decodedBodySize: e.decodedBodySize}))`, &entries)
	var files, filesPlain, api float64
	for _, e := range entries {
		if !strings.HasPrefix(e.Name, origin+"/") {
			t.Errorf("the page fetched %s, not from this server", e.Name)
		}
		if strings.Contains(e.Name, "/api/") {
			api += e.Transfer
		} else {
			files += e.Transfer
			filesPlain += e.Decoded
		}
	}
	paths := make([]string, 0, len(served))
	for p := range served {
		paths = append(paths, fmt.Sprintf("%s %d", p, served[p]))
	}
	sort.Strings(paths)
	t.Logf("page weight: %d requests; the page's files %.0f bytes as sent (%.0f unpacked), its first state %.0f bytes; served: %s",
		len(entries), files, filesPlain, api, strings.Join(paths, ", "))
	if files > 523_000/4 {
		t.Errorf("the page weighs %.0f bytes, more than a quarter of 523 KB", files)
	}
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	return s[len(s)/2]
}

// cliIterations returns the iterations in which the command's training
// meets the goal for a setup.
func cliIterations(t *testing.T, s run.Setup) int {
	p, err := run.Prepare(s, run.CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Train(context.Background(), run.Options{})
	if err != nil || out.Status != neuron.GoalMet {
		t.Fatalf("%v, %v", out.Status, err)
	}
	return out.Iterations
}

// A browser is one headless Chromium with one tab, for one test.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func newBrowser(t *testing.T) *browser {
	dir, err := os.MkdirTemp("", "neuron-chromium")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
	)
	ctx, cancelTime := context.WithTimeout(context.Background(), 2*time.Minute)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTime()
		// The browser's helpers may still write there for a moment.
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return &browser{t: t, ctx: bctx}
}

func (b *browser) run(a chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, a); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) viewport(w, h int64) { b.t.Helper(); b.run(chromedp.EmulateViewport(w, h)) }
func (b *browser) navigate(url string) { b.t.Helper(); b.run(chromedp.Navigate(url)) }
func (b *browser) click(id string)     { b.t.Helper(); b.run(chromedp.Click(chromedp.ID(id))) }
func (b *browser) key(k string)        { b.t.Helper(); b.run(chromedp.KeyEvent(k)) }

// choose picks a value of a select, as a person does.
func (b *browser) choose(id, value string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event("change")); })()`, id, value))
}

func (b *browser) eval(js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
}

func (b *browser) evalInto(js string, v any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](js)) // the value as JSON
	if err == nil {
		err = json.Unmarshal(raw, v)
	}
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
}

func (b *browser) number(js string) float64 {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (b *browser) numbers(js string) []float64 {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (b *browser) text(js string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitState waits, up to 30 s, until a condition holds in the page.
func (b *browser) waitState(what, cond string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		msg := b.text(`document.getElementById("message").textContent`)
		b.t.Fatalf("waiting for %s (%s): %v; the page says %q", what, cond, err, msg)
	}
}

// labelled checks that every control a person can reach has a name a
// screen reader reads: a label, text, or an aria-label.
func (b *browser) labelled() {
	b.t.Helper()
	var unnamed []string
	b.evalInto(`[...document.querySelectorAll("input, select, button, canvas, output")]
		.filter(e => !e.closest("[hidden]") && !(e.labels && e.labels.length) && !e.textContent.trim() && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
		.map(e => e.id || e.outerHTML.slice(0, 60))`, &unnamed)
	if len(unnamed) > 0 {
		b.t.Errorf("controls without a name for a screen reader: %v", unnamed)
	}
}

// pointOnHeat returns where on the screen, in CSS pixels, a point of the
// input square is drawn; js gives the point as [x, y].
func (b *browser) pointOnHeat(js string) [2]float64 {
	b.t.Helper()
	p := b.numbers(`(() => {
		const [x, y] = ` + js + `;
		const r = document.getElementById("heat").getBoundingClientRect();
		const sq = square(r.width, r.height), a = neuronPage.st.area, span = a.hi - a.lo;
		return [r.left + sq.x0 + (x - a.lo) / span * sq.side, r.top + sq.y0 + sq.side - (y - a.lo) / span * sq.side];
	})()`)
	return [2]float64{p[0], p[1]}
}

// snapshotHeat keeps the heat map's pixels; heatChanged tells what
// fraction of them differ now.
func (b *browser) snapshotHeat() {
	b.eval(`(() => { const c = document.getElementById("heat"); window.heatBefore = c.getContext("2d").getImageData(0, 0, c.width, c.height).data.slice(); })()`)
}

func (b *browser) heatChanged() float64 {
	return b.number(`(() => {
		const c = document.getElementById("heat"), now = c.getContext("2d").getImageData(0, 0, c.width, c.height).data, was = window.heatBefore;
		if (now.length !== was.length) return 1;
		let n = 0;
		for (let i = 0; i < now.length; i += 4) if (Math.abs(now[i] - was[i]) + Math.abs(now[i + 1] - was[i + 1]) + Math.abs(now[i + 2] - was[i + 2]) > 12) n++;
		return n / (now.length / 4);
	})()`)
}

func (b *browser) screenshotWanted() bool { return *update }

// screenshot writes docs/playground.png: the page at desktop size.
func (b *browser) screenshot(url string) {
	b.t.Helper()
	b.viewport(1280, 1200)
	b.navigate(url)
	b.waitState("the state to show", "neuronPage.st !== null")
	b.eval(`document.activeElement.blur(); window.scrollTo(0, 0)`)
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "playground.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("wrote %s (%d bytes)", path, len(png))
}
