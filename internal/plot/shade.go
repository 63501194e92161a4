package plot

import (
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// shadeStops are the colours of the outputs 0, ¼, ½, ¾ and 1: blue where
// the model says 0, red where it says 1, and near white at ½, the
// decision boundary. The colours are light enough for black and white
// marks to show on every one of them.
var shadeStops = [...]color.RGBA{
	{0x5a, 0x9b, 0xd0, 0xff},
	{0xa9, 0xcf, 0xe8, 0xff},
	{0xf5, 0xf5, 0xf5, 0xff},
	{0xf6, 0xb1, 0x94, 0xff},
	{0xdf, 0x72, 0x5f, 0xff},
}

// shades is the number of shades from output 0 to output 1.
const shades = 255

// shadePalette holds the shades and, last, a grey for an output that is
// not a number: 256 colours, as many as a paletted image can index.
var shadePalette = func() color.Palette {
	p := make(color.Palette, shades+1)
	for k := range shades {
		p[k] = shade(float64(k) / (shades - 1))
	}
	p[shades] = color.RGBA{0x80, 0x80, 0x80, 0xff}
	return p
}()

// shade returns the colour of output v in [0, 1], interpolated linearly
// between the two nearest shadeStops.
func shade(v float64) color.RGBA {
	s := v * float64(len(shadeStops)-1)
	i := min(int(s), len(shadeStops)-2)
	f := s - float64(i)
	a, b := shadeStops[i], shadeStops[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// newHeatMap returns a heat map of g's values, one cell per node shaded
// by the value there, rasterized: in an SVG it is one small embedded PNG
// rather than a rectangle per cell.
func newHeatMap(g *grid) heatMap {
	return heatMap{&plotter.HeatMap{GridXYZ: g, Palette: shadeScale{}, Min: 0, Max: 1,
		NaN: shadePalette[shades], Rasterized: true}}
}

// A heatMap is a plotter.HeatMap without glyph boxes: a HeatMap asks for
// 5 points of room around each cell, which would leave a white margin
// between the map and the axes.
type heatMap struct{ *plotter.HeatMap }

// GlyphBoxes implements gplot.GlyphBoxer.
func (heatMap) GlyphBoxes(*gplot.Plot) []gplot.GlyphBox { return nil }

// shadeScale is the shades as a gonum palette.
type shadeScale struct{}

// Colors implements palette.Palette.
func (shadeScale) Colors() []color.Color { return shadePalette[:shades] }

// colorBar draws the shades from output 0 (bottom) to 1 (top) as a bar of
// the given width at the right of c, with a labelled scale on its left.
func colorBar(c draw.Canvas, barWidth vg.Length) {
	// A few pixels wide, so that a viewer that smooths the stretched
	// image does not fade its sides.
	const cols = 8
	img := image.NewPaletted(image.Rect(0, 0, cols, shades), shadePalette)
	for k := range shades {
		for i := range cols {
			img.Pix[k*img.Stride+i] = uint8(shades - 1 - k) // row 0 is the top: output 1
		}
	}
	p := newPlot("", "output o")
	p.HideX()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Y.Tick.Marker = gplot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 0.25, Label: "0.25"},
		{Value: 0.5, Label: "0.5"}, {Value: 0.75, Label: "0.75"}, {Value: 1, Label: "1"}}
	p.Add(plotter.NewImage(img, 0, 0, 1, 1))
	yw := c.Size().X - p.DataCanvas(c).Size().X // the scale's width
	c.Min.X = c.Max.X - barWidth - yw
	p.Draw(c)
	dc := p.DataCanvas(c)
	dc.SetLineStyle(draw.LineStyle{Color: black, Width: vg.Points(0.5)})
	dc.Stroke(dc.Rectangle.Path())
}
