package xlsx

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// A bursar who means a row as cancelled may fill it red instead of deleting
// it. Which fills count as red is decided here, on the colour a cell shows:
//
//   - a solid fill's foreground colour (patternType="solid"); for another
//     pattern (gray125, darkGrid, …) either its foreground or its
//     background colour; a fill with no pattern shows nothing, and a
//     gradient fill (Fill Effects) is not looked at;
//   - the colour as written: rgb="AARRGGBB", indexed="n" into the
//     workbook's palette (<indexedColors>, else Excel's default 64 colours),
//     or theme="n" into the workbook's theme, each with its tint;
//     indexed 64 and 65 (system colours) and auto are never red;
//   - red is a hue within 20° below and 15° above pure red (340°–360° and
//     0°–15°), a saturation (HSV: (max−min)/max) of at least 0.15 and a
//     brightness (max) of at least 0.35. So Excel's 红色 FF0000, 深红
//     C00000, FF5050, the light red FFC7CE and pink-reds such as FFCCCC
//     count; orange (FFC000, FF6600, hue 24°), yellow, green, blue, a
//     pink leaning to magenta (FF99CC, hue 330°), greys and near-black
//     dark reds do not.
//
// The fill of a conditional format (<dxf>, Excel's 浅红填充) is not a
// fill the bursar gave the cell and is not looked at.

// isRed reports whether the colour r, g, b (0–255) is a red by the rule
// above.
func isRed(r, g, b float64) bool {
	hi := math.Max(r, math.Max(g, b))
	lo := math.Min(r, math.Min(g, b))
	if hi < 0.35*255 || hi == 0 || (hi-lo)/hi < 0.15 {
		return false
	}
	h := hue(r, g, b, hi, lo)
	return h >= 340 || h <= 15
}

// hue is the hue of r, g, b in degrees, [0, 360).
func hue(r, g, b, hi, lo float64) float64 {
	c := hi - lo
	if c == 0 {
		return 0
	}
	var h float64
	switch hi {
	case r:
		h = math.Mod((g-b)/c, 6)
	case g:
		h = (b-r)/c + 2
	default:
		h = (r-g)/c + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h
}

// xmlColor is a CT_Color of styles.xml.
type xmlColor struct {
	RGB     string `xml:"rgb,attr"`
	Indexed string `xml:"indexed,attr"`
	Theme   string `xml:"theme,attr"`
	Tint    string `xml:"tint,attr"`
	Auto    string `xml:"auto,attr"`
}

// palette is the colours a styles part can refer to: its indexed colours
// and its theme's, as RRGGBB.
type palette struct {
	indexed []string
	theme   []string // by Excel's theme index: lt1, dk1, lt2, dk2, accent1–6, hlink, folHlink
}

// defaultIndexed is Excel's default palette of indexed colours 0–63.
var defaultIndexed = strings.Fields(`
000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF
000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF
800000 008000 000080 808000 800080 008080 C0C0C0 808080
9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF
000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF
00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99
3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696
003366 339966 003300 333300 993300 993366 333399 333333`)

// red reports whether c, as the palette p resolves it, is a red.
func (p *palette) red(c *xmlColor) bool {
	if c == nil || isTrue([]byte(c.Auto)) {
		return false
	}
	var hex string
	switch {
	case c.RGB != "":
		hex = c.RGB
		if len(hex) == 8 {
			hex = hex[2:] // ARGB: Excel ignores the alpha of a fill
		}
	case c.Indexed != "":
		i, err := strconv.Atoi(c.Indexed)
		if err != nil || i < 0 || i >= len(p.indexed) {
			return false
		}
		hex = p.indexed[i]
	case c.Theme != "":
		i, err := strconv.Atoi(c.Theme)
		if err != nil || i < 0 || i >= len(p.theme) {
			return false
		}
		hex = p.theme[i]
	default:
		return false
	}
	if len(hex) == 8 {
		hex = hex[2:]
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if len(hex) != 6 || err != nil {
		return false
	}
	r, g, b := float64(v>>16), float64(v>>8&0xff), float64(v&0xff)
	if t, err := strconv.ParseFloat(c.Tint, 64); err == nil && t != 0 && t >= -1 && t <= 1 {
		r, g, b = tint(r, g, b, t)
	}
	return isRed(r, g, b)
}

// tint lightens (t > 0) or darkens (t < 0) a colour by its HSL lightness,
// as ECMA-376 18.8.19 says Excel does.
func tint(r, g, b, t float64) (float64, float64, float64) {
	r, g, b = r/255, g/255, b/255
	hi := math.Max(r, math.Max(g, b))
	lo := math.Min(r, math.Min(g, b))
	h := hue(r, g, b, hi, lo) / 360
	l := (hi + lo) / 2
	s := 0.0
	if hi != lo {
		if l < 0.5 {
			s = (hi - lo) / (hi + lo)
		} else {
			s = (hi - lo) / (2 - hi - lo)
		}
	}
	if t < 0 {
		l *= 1 + t
	} else {
		l = l*(1-t) + t
	}
	// HSL back to RGB.
	if s == 0 {
		return l * 255, l * 255, l * 255
	}
	q := l + s - l*s
	if l < 0.5 {
		q = l * (1 + s)
	}
	p := 2*l - q
	return hueToRGB(p, q, h+1.0/3) * 255, hueToRGB(p, q, h) * 255, hueToRGB(p, q, h-1.0/3) * 255
}

func hueToRGB(p, q, t float64) float64 {
	if t < 0 {
		t++
	}
	if t > 1 {
		t--
	}
	switch {
	case t < 1.0/6:
		return p + (q-p)*6*t
	case t < 0.5:
		return q
	case t < 2.0/3:
		return p + (q-p)*(2.0/3-t)*6
	}
	return p
}

// xmlTheme is the colour scheme of a theme part.
type xmlTheme struct {
	Scheme struct {
		Colors []struct {
			XMLName xml.Name
			SRGB    *struct {
				Val string `xml:"val,attr"`
			} `xml:"srgbClr"`
			Sys *struct {
				Last string `xml:"lastClr,attr"`
			} `xml:"sysClr"`
		} `xml:",any"`
	} `xml:"themeElements>clrScheme"`
}

// themeColors returns a theme's colours in the order cells' theme="n"
// counts them: Excel swaps the first two pairs of the scheme (dk1, lt1,
// dk2, lt2 are 1, 0, 3, 2).
func themeColors(x *xmlTheme) []string {
	byName := map[string]string{}
	for _, c := range x.Scheme.Colors {
		switch {
		case c.SRGB != nil:
			byName[c.XMLName.Local] = c.SRGB.Val
		case c.Sys != nil:
			byName[c.XMLName.Local] = c.Sys.Last
		}
	}
	names := []string{"lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = byName[n]
	}
	return out
}
