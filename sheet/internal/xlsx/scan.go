package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// This file holds the hand-written XML scanner that the worksheet and
// shared-strings parsers share. encoding/xml builds a token (and allocates)
// for every element and attribute, which is what makes excelize's Rows run at
// about 40,000 rows a second; a worksheet is a flat, regular document, so a
// scanner over a byte window that knows only tags, attributes, text, CDATA,
// comments and the five predefined entities does the same job in about twice
// the time decompression takes. It follows encoding/xml where the two could
// differ:
// "\r\n" and "\r" in text become "\n", references are resolved, and text
// must be valid UTF-8 within XML's character range.

// errShort reports that the window ends inside the item being parsed: the
// caller reads more input and parses the item again from its start.
var errShort = errors.New("xml: need more input")

// errItemTooLarge reports a single row or shared string larger than
// maxItemBytes: no real workbook has one, and growing the window without
// bound would let one bad file take all memory.
var errItemTooLarge = errors.New("xml: item too large")

// syntaxError is malformed XML, found by the scanner.
type syntaxError string

func (e syntaxError) Error() string { return "xml: " + string(e) }

// windowBytes is the initial window; a typical row is a few hundred bytes.
// It grows up to maxItemBytes (limits.go).
const windowBytes = 256 << 10

// xmlReader is a window over an XML part: buf[pos:end] is input read but not
// yet consumed. Parsers work on that slice and either consume a whole item
// (advance pos) or ask for more input.
type xmlReader struct {
	r   io.Reader
	buf []byte
	pos int
	end int
	eof bool  // r reported io.EOF
	err error // r failed (a zip checksum mismatch, a corrupt deflate stream) or an item outgrew the window
}

// newXMLReader returns a reader over r with an initial window of size bytes.
func newXMLReader(r io.Reader, size int) *xmlReader {
	return &xmlReader{r: r, buf: make([]byte, size)}
}

// data returns the input not yet consumed.
func (x *xmlReader) data() []byte { return x.buf[x.pos:x.end] }

// more moves the unconsumed input to the front of the window, doubling the
// window when that input fills it, and fills the rest of the window. It
// reports whether new input arrived; when none did, the part is exhausted
// (x.eof) or broken (x.err). Filling the whole window, rather than taking
// what one Read gives, makes an item that is parsed again after more input
// at least twice as long each time, so a huge row costs O(n log n), not
// O(n²).
func (x *xmlReader) more() bool {
	if x.err != nil || x.eof {
		return false
	}
	if x.pos > 0 {
		x.end = copy(x.buf, x.buf[x.pos:x.end])
		x.pos = 0
	}
	if x.end == len(x.buf) {
		if len(x.buf) >= maxItemBytes {
			x.err = errItemTooLarge
			return false
		}
		nb := make([]byte, min(2*len(x.buf), maxItemBytes))
		copy(nb, x.buf[:x.end])
		x.buf = nb
	}
	start := x.end
	for zero := 0; x.end < len(x.buf); {
		n, err := x.r.Read(x.buf[x.end:])
		x.end += n
		if err == io.EOF {
			x.eof = true
			break
		}
		if err != nil {
			x.err = err
			break
		}
		if n == 0 {
			if zero++; zero == 100 {
				x.err = io.ErrNoProgress
				break
			}
		}
	}
	return x.end > start
}

// drain reads the rest of the part and discards it. Reading to the end is
// what makes archive/zip compare the checksum, so a part whose tail is
// damaged is reported even when every item wanted has been read.
func (x *xmlReader) drain() {
	for {
		x.pos = x.end
		if !x.more() {
			return
		}
	}
}

// tagKind tells what markup lexTag found.
type tagKind uint8

const (
	tagStart tagKind = iota // <name ...>
	tagEmpty                // <name .../>
	tagEnd                  // </name>
	tagCDATA                // <![CDATA[...]]>: body is character data
	tagOther                // comment, processing instruction or directive: ignored
)

// tag is one piece of markup.
type tag struct {
	kind tagKind
	name []byte // local name, without any namespace prefix
	body []byte // of a start tag, what follows the name, through '>': for attrScan; of CDATA, the text
	n    int    // length of the markup in the input
}

// is reports whether t is of kind k and has the local name name.
func (t tag) is(k tagKind, name string) bool {
	return t.kind == k && string(t.name) == name
}

// opens reports whether t is a start tag, self-closing or not, named name.
func (t tag) opens(name string) bool {
	return (t.kind == tagStart || t.kind == tagEmpty) && string(t.name) == name
}

var (
	cdataOpen   = []byte("<![CDATA[")
	cdataClose  = []byte("]]>")
	commentOpen = []byte("<!--")
	commentEnd  = []byte("-->")
	piEnd       = []byte("?>")
)

// lexTag reads the markup that starts at d[0] == '<', checking the syntax of
// a start tag's attributes on the way. It is the scanner's inner loop.
func lexTag(d []byte) (tag, error) {
	// Short tags without attributes (<v>, </v>, <is>, </c>, ...) are most of
	// a sheet; one look at a few bytes settles them.
	if len(d) >= 5 {
		if d[1] == '/' {
			if isLetter(d[2]) {
				if d[3] == '>' {
					return tag{kind: tagEnd, name: d[2:3], n: 4}, nil
				}
				if isLetter(d[3]) && d[4] == '>' {
					return tag{kind: tagEnd, name: d[2:4], n: 5}, nil
				}
			}
		} else if isLetter(d[1]) {
			if d[2] == '>' {
				return tag{kind: tagStart, name: d[1:2], n: 3}, nil
			}
			if isLetter(d[2]) && d[3] == '>' {
				return tag{kind: tagStart, name: d[1:3], n: 4}, nil
			}
		}
	}
	if len(d) < 2 {
		return tag{}, errShort
	}
	switch d[1] {
	case '/':
		n, local := scanName(d[2:])
		i := 2 + n
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i == len(d) {
			return tag{}, errShort
		}
		if n == 0 || d[i] != '>' {
			return tag{}, syntaxError("bad end tag")
		}
		return tag{kind: tagEnd, name: d[2+local : 2+n], n: i + 1}, nil
	case '?':
		k := bytes.Index(d[2:], piEnd)
		if k < 0 {
			return tag{}, errShort
		}
		return tag{kind: tagOther, n: k + 4}, nil
	case '!':
		return lexBang(d)
	}
	n, local := scanName(d[1:])
	if n == 0 {
		return tag{}, syntaxError("bad start tag")
	}
	a := attrScan{d: d, i: 1 + n}
	for {
		if _, _, ok := a.next(); !ok {
			break
		}
	}
	if a.err != nil {
		return tag{}, a.err
	}
	return tag{kind: a.kind, name: d[1+local : 1+n], body: d[1+n : a.i], n: a.i}, nil
}

// attrScan walks the attributes of a start tag, checking their syntax as it
// goes. lexTag uses it to find the end of a tag, the cell parser to read a
// <c> tag in one pass, and others to read a tag's body. Values are raw, with
// no references resolved: the attributes kfpay reads hold cell references,
// numbers and type codes, which have none.
type attrScan struct {
	d    []byte
	i    int     // where the next attribute may start; at the end, the length of the tag
	kind tagKind // at the end, tagStart or tagEmpty
	err  error   // errShort or a syntax error
}

// next returns the next attribute's local name and raw value. When it
// returns ok == false, the tag has ended (a.kind, a.i) or a.err is set.
func (a *attrScan) next() (name, val []byte, ok bool) {
	d, i := a.d, a.i
	sp := i
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	if i == len(d) {
		a.err = errShort
		return nil, nil, false
	}
	switch d[i] {
	case '>':
		a.i, a.kind = i+1, tagStart
		return nil, nil, false
	case '/':
		if i+1 == len(d) {
			a.err = errShort
		} else if d[i+1] != '>' {
			a.err = syntaxError("bad empty tag")
		} else {
			a.i, a.kind = i+2, tagEmpty
		}
		return nil, nil, false
	}
	if i == sp {
		a.err = syntaxError("attribute not separated by space")
		return nil, nil, false
	}
	n, local := scanName(d[i:])
	j := i + n
	for j < len(d) && isSpace(d[j]) {
		j++
	}
	if j < len(d) && (n == 0 || d[j] != '=') {
		a.err = syntaxError("bad attribute")
		return nil, nil, false
	}
	j++
	for j < len(d) && isSpace(d[j]) {
		j++
	}
	if j >= len(d) {
		a.err = errShort
		return nil, nil, false
	}
	q := d[j]
	if q != '"' && q != '\'' {
		a.err = syntaxError("unquoted attribute value")
		return nil, nil, false
	}
	// Values are short (A1, 1, s), so a plain loop beats IndexByte here.
	k := j + 1
	for k < len(d) && d[k] != q && d[k] != '<' {
		k++
	}
	if k == len(d) {
		a.err = errShort
		return nil, nil, false
	}
	if d[k] == '<' {
		a.err = syntaxError("'<' in attribute value")
		return nil, nil, false
	}
	a.i = k + 1
	return d[i+local : i+n], d[j+1 : k], true
}

// lexBang reads markup that starts with "<!": a comment, a CDATA section or
// a directive such as <!DOCTYPE ...>.
func lexBang(d []byte) (tag, error) {
	switch {
	case bytes.HasPrefix(d, cdataOpen):
		k := bytes.Index(d[len(cdataOpen):], cdataClose)
		if k < 0 {
			return tag{}, errShort
		}
		body := d[len(cdataOpen) : len(cdataOpen)+k]
		return tag{kind: tagCDATA, body: body, n: len(cdataOpen) + k + len(cdataClose)}, nil
	case bytes.HasPrefix(d, commentOpen):
		k := bytes.Index(d[len(commentOpen):], commentEnd)
		if k < 0 {
			return tag{}, errShort
		}
		return tag{kind: tagOther, n: len(commentOpen) + k + len(commentEnd)}, nil
	case len(d) < len(cdataOpen) && (bytes.HasPrefix(cdataOpen, d) || bytes.HasPrefix(commentOpen, d)):
		return tag{}, errShort
	}
	// A directive ends at the first '>' outside quotes and outside an
	// internal subset in brackets.
	var quote byte
	depth := 0
	for i := 2; i < len(d); i++ {
		c := d[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return tag{kind: tagOther, n: i + 1}, nil
		}
	}
	return tag{}, errShort
}

// Byte classes for the lexer.
const (
	classSpace     = 1 << iota // XML white space
	classNameStart             // may start a name: letters, '_', ':', any byte of a multi-byte character
	className                  // may continue a name: those, digits, '-', '.'
	classText                  // needs care in text: '&', '\r', control characters, non-ASCII
)

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			t[c] |= classSpace
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':' || c >= 0x80 {
			t[c] |= classNameStart | className
		}
		if '0' <= c && c <= '9' || c == '-' || c == '.' {
			t[c] |= className
		}
		if c == '&' || c == '\r' || c >= 0x80 || c < 0x20 && c != '\t' && c != '\n' {
			t[c] |= classText
		}
	}
	return t
}()

func isSpace(c byte) bool { return byteClass[c]&classSpace != 0 }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// scanName returns the length of the XML name at the start of b, 0 if there
// is none, and where its local part starts: some writers spell the elements
// <x:row> and <x:c>, and excelize matches on the local name. The check of
// the characters is loose (any non-ASCII byte passes), enough to reject
// markup that is not XML at all, such as "< " or "<1", without the Unicode
// tables.
func scanName(b []byte) (n, local int) {
	if len(b) == 0 || byteClass[b[0]]&classNameStart == 0 {
		return 0, 0
	}
	for n = 0; n < len(b) && byteClass[b[n]]&className != 0; n++ {
		if b[n] == ':' {
			local = n + 1
		}
	}
	return n, local
}

// skipElement consumes the content of an element whose start tag has been
// read, through its end tag, and returns the length consumed. It counts depth
// instead of recursing, so deep nesting in a bad file cannot exhaust the
// stack.
func skipElement(d []byte) (int, error) {
	depth := 1
	i := 0
	for {
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			return 0, errShort
		}
		i += j
		t, err := lexTag(d[i:])
		if err != nil {
			return 0, err
		}
		i += t.n
		switch t.kind {
		case tagStart:
			depth++
		case tagEnd:
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
}

// appendContent appends the character data of an element whose start tag
// has been read to dst, through the end tag named name, and returns the
// length consumed. Like encoding/xml decoding into a string, it keeps only
// the element's own text: nested elements are skipped.
func appendContent(dst, d []byte, name string) ([]byte, int, error) {
	i := 0
	for {
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			return dst, 0, errShort
		}
		var err error
		if dst, err = appendText(dst, d[i:i+j]); err != nil {
			return dst, 0, err
		}
		i += j
		t, err := lexTag(d[i:])
		if err != nil {
			return dst, 0, err
		}
		i += t.n
		switch t.kind {
		case tagCDATA:
			if dst, err = appendCDATA(dst, t.body); err != nil {
				return dst, 0, err
			}
		case tagStart:
			n, err := skipElement(d[i:])
			if err != nil {
				return dst, 0, err
			}
			i += n
		case tagEnd:
			if string(t.name) != name {
				return dst, 0, syntaxError(fmt.Sprintf("<%s> closed by </%s>", name, t.name))
			}
			return dst, i, nil
		}
	}
}

// Strike says, as bits, in which fonts a rich-text string's visible text
// (not only spaces) is: runs whose own font (<rPr>) strikes through, runs
// whose own font does not, and text in the cell's font (outside runs, or
// in runs with no font of their own), struck or not as the cell's style
// says (Workbook.Marks). Cell.Struck puts the two together. A string that
// cannot be partly struck, whatever the style, keeps StrikeNone: the same
// as all its text in the cell's font.
type Strike uint8

const (
	StrikeNone  Strike = 0
	RunsStruck  Strike = 1 << (iota - 1) // some text in runs of a struck font
	RunsPlain                            // some text in runs of a font not struck
	RunsInherit                          // some text in the cell's font
)

// Struck says whether some of the cell's text is struck through and
// whether some is not, given whether its style's font strikes
// (styleStruck): both for "3" struck with "2" typed beside it.
func (c Cell) Struck(styleStruck bool) (struck, plain bool) {
	s := c.Strike
	if s == StrikeNone {
		s = RunsInherit
	}
	struck = s&RunsStruck != 0 || styleStruck && s&RunsInherit != 0
	plain = s&RunsPlain != 0 || !styleStruck && s&RunsInherit != 0
	return struck, plain
}

// appendRichText appends the text of a shared string <si> or an inline
// string <is>, whose start tag has been read, through its end tag named name:
// its <t> and the <t> of each run <r>, but not the phonetic guide <rPh> that
// Japanese workbooks carry (excelize leaves it out too). Excel's _xHHHH_
// escapes are decoded over the whole text, as excelize does. It also says
// how much of the text the runs strike through.
func appendRichText(dst, d []byte, name string) ([]byte, int, Strike, error) {
	start := len(dst)
	i := 0
	inRun := false
	runFont := RunsInherit // of the current run: RunsInherit until its <rPr>
	var strike Strike
	for {
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			return dst, 0, StrikeNone, errShort
		}
		i += j
		t, err := lexTag(d[i:])
		if err != nil {
			return dst, 0, StrikeNone, err
		}
		i += t.n
		switch {
		case t.is(tagStart, "t"):
			var n int
			from := len(dst)
			if dst, n, err = appendContent(dst, d[i:], "t"); err != nil {
				return dst, 0, StrikeNone, err
			}
			i += n
			if len(bytes.TrimSpace(dst[from:])) > 0 {
				if inRun {
					strike |= runFont
				} else {
					strike |= RunsInherit
				}
			}
		case t.is(tagStart, "r") && !inRun:
			inRun, runFont = true, RunsInherit
		case t.is(tagEnd, "r") && inRun:
			inRun = false
		case t.is(tagStart, "rPr") && inRun:
			n, s, err := runStrikes(d[i:])
			if err != nil {
				return dst, 0, StrikeNone, err
			}
			i += n
			runFont = RunsPlain
			if s {
				runFont = RunsStruck
			}
		case t.kind == tagStart:
			n, err := skipElement(d[i:])
			if err != nil {
				return dst, 0, StrikeNone, err
			}
			i += n
		case t.kind == tagEnd:
			if inRun || string(t.name) != name {
				return dst, 0, StrikeNone, syntaxError(fmt.Sprintf("<%s> closed by </%s>", name, t.name))
			}
			// Only a struck run, or a run that says it is not struck beside
			// text in the cell's font, can make the text partly struck.
			if strike&RunsStruck == 0 && strike != RunsPlain|RunsInherit {
				strike = StrikeNone
			}
			return append(dst[:start], unescapeBstr(dst[start:])...), i, strike, nil
		}
	}
}

// runStrikes reads a run's font <rPr>, whose start tag has been read,
// through its end tag, and reports whether it strikes the run through:
// <strike/> alone is on, val="0" or "false" off (ECMA-376
// CT_BooleanProperty), as for a style's font.
func runStrikes(d []byte) (int, bool, error) {
	i := 0
	struck := false
	for {
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			return 0, false, errShort
		}
		i += j
		t, err := lexTag(d[i:])
		if err != nil {
			return 0, false, err
		}
		i += t.n
		switch {
		case t.opens("strike"):
			struck = boolProp(t.body)
			if t.kind == tagStart {
				n, err := skipElement(d[i:])
				if err != nil {
					return 0, false, err
				}
				i += n
			}
		case t.kind == tagStart:
			n, err := skipElement(d[i:])
			if err != nil {
				return 0, false, err
			}
			i += n
		case t.kind == tagEnd:
			if string(t.name) != "rPr" {
				return 0, false, syntaxError(fmt.Sprintf("<rPr> closed by </%s>", t.name))
			}
			return i, struck, nil
		}
	}
}

// boolProp is the value of a CT_BooleanProperty start tag's body: on
// unless its val is 0 or false.
func boolProp(body []byte) bool {
	a := attrScan{d: body}
	for {
		n, v, ok := a.next()
		if !ok {
			return true
		}
		if string(n) == "val" {
			return string(v) != "0" && string(v) != "false"
		}
	}
}

// appendText appends the character data d, references resolved and line
// ends normalised, to dst.
func appendText(dst, d []byte) ([]byte, error) {
	// Fast path: numbers and plain ASCII text need no work.
	i := 0
	for i < len(d) && byteClass[d[i]]&classText == 0 {
		i++
	}
	dst = append(dst, d[:i]...)
	if i == len(d) {
		return dst, nil
	}
	start := len(dst)
	d = d[i:]
	for len(d) > 0 {
		k := 0
		for k < len(d) && d[k] != '&' && d[k] != '\r' {
			k++
		}
		dst = append(dst, d[:k]...)
		if k == len(d) {
			break
		}
		d = d[k:]
		if d[0] == '\r' {
			dst = append(dst, '\n')
			d = d[1:]
			if len(d) > 0 && d[0] == '\n' {
				d = d[1:]
			}
			continue
		}
		semi := bytes.IndexByte(d, ';')
		if semi < 0 {
			return dst, syntaxError("character reference without ';'")
		}
		r, ok := resolveRef(d[1:semi])
		if !ok {
			return dst, syntaxError(fmt.Sprintf("invalid character reference %q", d[:semi+1]))
		}
		dst = utf8.AppendRune(dst, r)
		d = d[semi+1:]
	}
	return dst, checkChars(dst[start:])
}

// appendCDATA appends the body of a CDATA section to dst.
func appendCDATA(dst, body []byte) ([]byte, error) {
	start := len(dst)
	for {
		k := bytes.IndexByte(body, '\r')
		if k < 0 {
			dst = append(dst, body...)
			break
		}
		dst = append(append(dst, body[:k]...), '\n')
		body = body[k+1:]
		if len(body) > 0 && body[0] == '\n' {
			body = body[1:]
		}
	}
	return dst, checkChars(dst[start:])
}

// resolveRef resolves the reference between '&' and ';': one of the five
// predefined entities or a numeric character reference. encoding/xml, as
// excelize uses it, rejects any other entity, and so does this.
func resolveRef(b []byte) (rune, bool) {
	switch string(b) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(b) < 2 || b[0] != '#' {
		return 0, false
	}
	b = b[1:]
	base := rune(10)
	if b[0] == 'x' {
		base, b = 16, b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range b {
		var v rune
		switch {
		case '0' <= c && c <= '9':
			v = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + v
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	return r, true
}

// checkChars rejects text that is not UTF-8 or holds a character XML does
// not allow (control characters, U+FFFE): encoding/xml rejects both, and
// such a string would make any workbook kfpay writes from it unreadable.
func checkChars(b []byte) error {
	for len(b) > 0 {
		c := b[0]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return syntaxError(fmt.Sprintf("illegal character %U", rune(c)))
			}
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return syntaxError("invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return syntaxError(fmt.Sprintf("illegal character %U", r))
		}
		b = b[size:]
	}
	return nil
}

// unescapeBstr decodes Excel's _xHHHH_ escapes in place, the way excelize's
// bstrUnmarshal does: _x005F_ is an underscore, any other is the character
// with that code, and a surrogate code is dropped. Decoding only shortens the
// text, so it can write over what it has read.
func unescapeBstr(b []byte) []byte {
	// Nearly every string has no underscore at all; IndexByte settles
	// those faster than a search for the two-byte "_x".
	if bytes.IndexByte(b, '_') < 0 || bytes.Index(b, []byte("_x")) < 0 {
		return b
	}
	w := 0
	for r := 0; r < len(b); {
		if r+7 <= len(b) && b[r] == '_' && b[r+1] == 'x' && b[r+6] == '_' {
			if v, ok := hex4(b[r+2 : r+6]); ok {
				r += 7
				switch {
				case v == 0x5F:
					b[w] = '_'
					w++
				case 0xD800 <= v && v <= 0xDFFF:
				default:
					w += utf8.EncodeRune(b[w:], v)
				}
				continue
			}
		}
		b[w] = b[r]
		w++
		r++
	}
	return b[:w]
}

func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// hasPrefix reports whether d starts with s. The comparison compiles to a
// memory compare, without converting d.
func hasPrefix(d []byte, s string) bool {
	return len(d) >= len(s) && string(d[:len(s)]) == s
}

// parseUint parses a decimal number of at most 9 digits, enough for any row,
// column, style or string index, without allocating.
func parseUint(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
