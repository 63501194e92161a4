package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/neuronlab/neuron/boolfn"
	"github.com/neuronlab/neuron/internal/explain"
)

// static holds the page: its HTML, a template filled in once with the
// choices it offers, its style and its script. The page is sent as one
// file, style and script inside, so that it draws after one request and
// the answer to its first question; nothing else is loaded, from here or
// from elsewhere.
//
//go:embed static
var static embed.FS

// An asset is a file, ready to send: its bytes, gzipped bytes, type and
// entity tag.
type asset struct {
	body, gz []byte
	ctype    string
	etag     string
}

// Speeds are the page's choices of speed, in iterations per second; 0 is
// as fast as it goes.
var Speeds = []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 0}

// defaultSpeed is the page's first speed: AND is learned in about eight
// seconds, slow enough to watch.
const defaultSpeed = 2000

// pageData fills in the page's template: the choices that are the same
// for every visit.
type pageData struct {
	Funcs        []namedFunc
	Speeds       []speedChoice
	DefaultSpeed int   // index into Speeds
	LastSpeed    int   // the last index
	Hidden       []int // the choices of hidden neurons: 1, 2, ...
	MaxIter      string
	Style        template.CSS // style.css, inside the page
	Ask          template.JS  // ask.js, the page's first question, in its head
	Script       template.JS  // app.js, at its end
}

type namedFunc struct{ Name, Table string }

type speedChoice struct {
	Value string // as in the query: a number, or "max"
	Label string
}

// loadAssets reads the embedded files, fills in the page and compresses
// it once. It returns the page and the Content-Security-Policy that lets
// it run its own style and script, and nothing else.
func (s *Server) loadAssets() (*asset, string) {
	read := func(name string) string {
		b, err := static.ReadFile("static/" + name)
		if err != nil {
			panic("web: " + err.Error()) // embedded above
		}
		return string(b)
	}
	style, ask, script := read("style.css"), read("ask.js"), read("app.js")
	data := pageData{LastSpeed: len(Speeds) - 1, MaxIter: explain.Count(s.opt.Limits.MaxIter),
		Style: template.CSS(style), Ask: template.JS(ask), Script: template.JS(script)}
	for h := 1; h <= s.opt.Limits.Hidden; h++ {
		data.Hidden = append(data.Hidden, h)
	}
	for _, f := range boolfn.Named() {
		data.Funcs = append(data.Funcs, namedFunc{f.Name, f.TableString()})
	}
	for i, v := range Speeds {
		data.Speeds = append(data.Speeds, speedChoice{speedValue(v), speedLabel(v)})
		if v == defaultSpeed {
			data.DefaultSpeed = i
		}
	}
	page := template.Must(template.ParseFS(static, "static/index.html"))
	var html bytes.Buffer
	if err := page.Execute(&html, data); err != nil {
		panic("web: the page's template: " + err.Error()) // the embedded template is ours
	}
	for _, part := range []string{style, ask, script} {
		if !bytes.Contains(html.Bytes(), []byte(part)) {
			panic("web: the page's template changed its script or style") // then their hashes would not match
		}
	}
	policy := fmt.Sprintf("default-src 'none'; script-src %s %s; style-src %s; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
		hash(ask), hash(script), hash(style))
	return newAsset("index.html", html.Bytes()), policy
}

// hash returns the Content-Security-Policy source of an inline script or
// style: its SHA-256 in base64.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func newAsset(name string, body []byte) *asset {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	sum := sha256.Sum256(body)
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) { // the system's table may lack or differ
	case ".html":
		ctype = "text/html; charset=utf-8"
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".css":
		ctype = "text/css; charset=utf-8"
	}
	return &asset{body: body, gz: gz.Bytes(), ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

// page sends the page, gzipped if the browser takes it, or 304 Not
// Modified if it has this version.
func (s *Server) page(w http.ResponseWriter, r *http.Request) error {
	a := s.pageFile
	h := w.Header()
	h.Set("Content-Security-Policy", s.policy)
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache") // revalidate: a new binary may bring a new page
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := a.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	w.Write(body)
	return nil
}

// PageBytes returns the size of the page, style and script included, as
// sent: plain and gzipped.
func (s *Server) PageBytes() (plain, gzipped int) {
	return len(s.pageFile.body), len(s.pageFile.gz)
}

func speedValue(v int) string {
	if v == 0 {
		return "max"
	}
	return strconv.Itoa(v)
}

func speedLabel(v int) string {
	switch {
	case v == 0:
		return "as fast as it goes"
	case v == 1:
		return "1 iteration a second"
	}
	return explain.Count(v) + " iterations a second"
}
