package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"

	xfont "golang.org/x/image/font"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Labels are the texts at the top of a picture.
type Labels struct {
	Title    string // e.g. "and: one neuron learns a & b"; if empty, a generic title is used
	Subtitle string // e.g. "learning rate 0.5, seed 1, 15,872 iterations, stop rule max, goal 0.001"
}

// The size of every picture. At 127 dots per inch, which is exactly 50
// per centimetre, a PNG is 800 × 600 pixels.
const (
	width  = 16 * vg.Centimeter
	height = 12 * vg.Centimeter
	dpi    = 127
)

// render draws a picture with paint on a canvas of format f and writes
// it to w.
func render(w io.Writer, f Format, paint func(c draw.Canvas)) error {
	var c vg.CanvasWriterTo
	switch f {
	case PNG:
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	case SVG:
		c = vgsvg.New(width, height) // fonts named, not embedded: a small file
	default:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	paint(dc)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return fmt.Errorf("plot: drawing %v: %w", f, err)
	}
	out := b.Bytes()
	if f == SVG {
		out = fixSVG(out)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("plot: writing %v: %w", f, err)
	}
	return nil
}

// fixSVG corrects three things in gonum's SVG. It labels its embedded
// images, which are PNGs, as JPEG, which some viewers (librsvg) refuse to
// show. It lets viewers keep an image's aspect ratio, which squeezes a
// colour bar into a thin stripe. And it names the font without a
// fallback, so that a viewer without Liberation Sans may use a serif
// font; Arial has the same metrics, so text still fits where it was put.
func fixSVG(b []byte) []byte {
	for _, r := range [...][2]string{
		{"data:image/jpg;base64,", "data:image/png;base64,"},
		{"<image ", `<image preserveAspectRatio="none" `},
		{"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"},
	} {
		b = bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1]))
	}
	return b
}

// Colours used in both pictures.
var (
	black     = color.Gray{0}
	ink       = color.Gray{0x40} // secondary text: subtitles, notes
	white     = color.Gray{0xff}
	gridColor = color.Gray{0xe0}
)

// sans returns Liberation Sans, a clean typeface for screens, of the
// given size in points.
func sans(size float64, bold bool) font.Font {
	fnt := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
	if bold {
		fnt.Weight = xfont.WeightBold
	}
	return fnt
}

// textStyle returns a black text style in sans of the given size.
func textStyle(size float64, bold bool) text.Style {
	return text.Style{Color: black, Font: sans(size, bold), Handler: gplot.DefaultTextHandler}
}

// newPlot returns a gonum plot with this package's fonts, axis labels
// xlabel and ylabel, and no padding between the axes and the data.
func newPlot(xlabel, ylabel string) *gplot.Plot {
	p := gplot.New()
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(10.5, false)
		a.Tick.Label.Font = sans(9, false)
		a.Label.Padding = vg.Points(3)
		a.Padding = 0
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.BackgroundColor = nil // render painted it
	return p
}

// A key is a legend, placed at the top left of the canvas it is drawn
// in, that knows how wide it is.
type key struct {
	gplot.Legend
	width vg.Length // of the widest entry: thumbnail, space and text
}

// newKey returns an empty key in this package's font.
func newKey() *key {
	l := gplot.NewLegend()
	l.TextStyle.Font = sans(9, false)
	l.Top, l.Left = true, true
	l.Padding = vg.Points(3)
	return &key{Legend: l}
}

// add adds an entry of text and thumbnails, which may be none.
func (k *key) add(text string, thumbs ...gplot.Thumbnailer) {
	k.Add(text, thumbs...)
	k.width = max(k.width, k.ThumbnailWidth+k.TextStyle.Width(" "+text))
}

// room returns the width to leave for the key: its own and some more,
// for an SVG viewer that sets the text in a wider font than Liberation
// Sans (or its twin in metrics, Arial).
func (k *key) room() vg.Length { return k.width * 1.15 }

// header draws the title and, below it in smaller type, each subtitle
// line, centred at the top of c, and returns the rest of c. A line too
// wide for the picture is set in smaller type until it fits, with room
// to spare for an SVG viewer's wider font.
func header(c draw.Canvas, title string, lines ...string) draw.Canvas {
	const margin = 6 // points around the text
	y := c.Max.Y - margin
	put := func(s string, sty text.Style) {
		for sty.Width(s)*1.15 > c.Size().X-2*margin && sty.Font.Size > 6 {
			sty.Font.Size--
		}
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: y}, s)
		y -= sty.Height(s) + 2
	}
	put(title, textStyle(13, true))
	sub := textStyle(9.5, false)
	sub.Color = ink
	for _, l := range lines {
		if l != "" {
			put(l, sub)
		}
	}
	c.Max.Y = y - margin
	return c
}

// renderKeyed renders plot p with its key to the right, under a header
// of title and subtitle lines: the picture of loss curves, weights,
// epochs and histograms. The key's top lines up with the data area's.
func renderKeyed(w io.Writer, f Format, p *gplot.Plot, key *key, title string, lines ...string) error {
	return render(w, f, func(c draw.Canvas) {
		body := header(c, title, lines...)
		kw := keyRoom(key)
		plotArea := draw.Crop(body, 8, -kw, 8, 0)
		p.Draw(plotArea)
		keyArea := draw.Crop(body, body.Size().X-kw+10, 0, 0, 0)
		keyArea.Max.Y = p.DataCanvas(plotArea).Max.Y
		key.Draw(keyArea)
	})
}

// keyRoom is the width kept at the right of a picture for its key.
func keyRoom(k *key) vg.Length { return k.room() + 14 }
