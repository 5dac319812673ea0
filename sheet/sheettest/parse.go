package sheettest

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// book is a parsed description.
type book struct {
	date1904 bool
	sheets   []*sheetDesc
}

// sheetDesc is one sheet of a description.
type sheetDesc struct {
	name   string
	state  string // "", "hidden" or "veryHidden", as in workbook.xml
	inline bool
	rows   []row
	next   int // number of the next row
	merges []mergeRange
}

// mergeRange is a "# merge" range, columns and rows 1-based.
type mergeRange struct {
	fromCol, fromRow, toCol, toRow int
	line                           int // where it was given, for errors found later
}

func (m mergeRange) overlaps(o mergeRange) bool {
	return m.fromCol <= o.toCol && o.fromCol <= m.toCol && m.fromRow <= o.toRow && o.fromRow <= m.toRow
}

func (m mergeRange) String() string {
	a, _ := excelize.CoordinatesToCellName(m.fromCol, m.fromRow)
	b, _ := excelize.CoordinatesToCellName(m.toCol, m.toRow)
	return a + ":" + b
}

// row is one row line, empty line or title of a description.
type row struct {
	num     int
	hidden  bool
	red     bool // filled red
	cells   []cell
	mergeTo int // for a title: the last column of the merge, or 0
}

// cellKind is the type of a cell's value, or of a formula's cached value.
type cellKind int

const (
	blank cellKind = iota
	text
	number
	boolean
)

// cell is one parsed cell.
type cell struct {
	kind    cellKind
	value   string // the text, or the <v> of a number ("0.3") or boolean ("1")
	numFmt  string // for a number: its format code, or ""
	formula string // without "="; a formula with kind blank has no cached value
	struck  string // rich text: the start of value, a run struck through; the rest a plain run
}

// parser holds the state between the lines of a description.
type parser struct {
	b        *book
	cur      *sheetDesc
	hideNext bool // a "# hiddenrow" waits for its row
	redNext  bool // a "# redrow" waits for its row
	title    int  // index in cur.rows of a title waiting for its width, or -1
	line     int  // the line being parsed, 1-based
}

// parse reads a description.
func parse(src []byte) (*book, error) {
	s := strings.TrimPrefix(string(src), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	p := &parser{b: &book{}, title: -1}
	// A date's serial depends on the date system, which a "# date1904" line
	// anywhere decides, so look for it before any cell.
	for _, line := range lines {
		if name, _, ok := directive(line); ok && name == "date1904" {
			p.b.date1904 = true
		}
	}
	for i, line := range lines {
		p.line = i + 1
		if err := p.parseLine(line); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	if err := p.endSheet(); err != nil {
		return nil, fmt.Errorf("line %d: %w", len(lines), err)
	}
	for _, s := range p.b.sheets {
		if err := checkMerges(s); err != nil {
			return nil, err
		}
	}
	return p.b, nil
}

// directive splits a directive line into its name and argument.
func directive(line string) (name, arg string, ok bool) {
	rest, ok := strings.CutPrefix(line, "# ")
	if !ok {
		return "", "", false
	}
	name, arg, _ = strings.Cut(strings.TrimSpace(rest), " ")
	return name, strings.TrimSpace(arg), true
}

func (p *parser) parseLine(line string) error {
	if name, arg, ok := directive(line); ok {
		return p.directive(name, arg)
	}
	srcs, err := splitRow(line)
	if err != nil {
		return err
	}
	cells := make([]cell, len(srcs))
	for i, src := range srcs {
		if cells[i], err = p.cell(src); err != nil {
			ref, _ := excelize.CoordinatesToCellName(i+1, p.sheet().next)
			return fmt.Errorf("cell %s %q: %w", ref, src, err)
		}
	}
	p.addRow(cells)
	return nil
}

func (p *parser) directive(name, arg string) error {
	switch name {
	case "sheet", "title", "row", "merge":
		if arg == "" {
			return fmt.Errorf("# %s needs an argument", name)
		}
	case "hidden", "veryhidden", "inline", "hiddenrow", "redrow", "date1904":
		if arg != "" {
			return fmt.Errorf("# %s takes no argument, got %q", name, arg)
		}
	default:
		return fmt.Errorf("unknown directive # %s", name)
	}
	switch name {
	case "sheet":
		if err := p.endSheet(); err != nil {
			return err
		}
		for _, s := range p.b.sheets {
			if strings.EqualFold(s.name, arg) {
				return fmt.Errorf("sheet %q named twice", arg)
			}
		}
		p.newSheet(arg)
	case "hidden":
		p.sheet().state = "hidden"
	case "veryhidden":
		p.sheet().state = "veryHidden"
	case "inline":
		p.sheet().inline = true
	case "title":
		p.title = -1
		p.addRow([]cell{{kind: text, value: arg}})
		p.title = len(p.cur.rows) - 1
	case "row":
		n, err := strconv.Atoi(arg)
		if err != nil || n < p.sheet().next || n > excelize.TotalRows {
			return fmt.Errorf("# row %s: want a row number from %d to %d", arg, p.sheet().next, excelize.TotalRows)
		}
		p.cur.next = n
	case "hiddenrow":
		p.hideNext = true
	case "redrow":
		p.redNext = true
	case "merge":
		return p.merge(arg)
	}
	return nil
}

// merge adds the range arg, such as A3:A4, to the merges of the current sheet.
func (p *parser) merge(arg string) error {
	from, to, ok := strings.Cut(arg, ":")
	m := mergeRange{line: p.line}
	var err1, err2 error
	m.fromCol, m.fromRow, err1 = excelize.CellNameToCoordinates(from)
	m.toCol, m.toRow, err2 = excelize.CellNameToCoordinates(to)
	if !ok || err1 != nil || err2 != nil || m.toCol < m.fromCol || m.toRow < m.fromRow || (m.fromCol == m.toCol && m.fromRow == m.toRow) {
		return fmt.Errorf("# merge %s: want a range of two or more cells such as A3:A4", arg)
	}
	s := p.sheet()
	for _, o := range s.merges {
		if m.overlaps(o) {
			return fmt.Errorf("# merge %s overlaps %s", m, o)
		}
	}
	s.merges = append(s.merges, m)
	return nil
}

// sheet returns the current sheet, starting Sheet1 if there is none yet.
func (p *parser) sheet() *sheetDesc {
	if p.cur == nil {
		p.newSheet("Sheet1")
	}
	return p.cur
}

func (p *parser) newSheet(name string) {
	p.cur = &sheetDesc{name: name, next: 1}
	p.b.sheets = append(p.b.sheets, p.cur)
	p.title = -1
}

// endSheet checks that nothing of the current sheet is left waiting.
func (p *parser) endSheet() error {
	if p.hideNext {
		return errors.New("# hiddenrow with no row after it")
	}
	if p.redNext {
		return errors.New("# redrow with no row after it")
	}
	return nil
}

// checkMerges checks the merges of s against its rows, known only once the
// whole description is read: only the top-left cell of a merge may hold a
// value, as in Excel, and a merge may not overlap a title.
func checkMerges(s *sheetDesc) error {
	for _, m := range s.merges {
		for _, r := range s.rows {
			if r.num < m.fromRow || r.num > m.toRow {
				continue
			}
			for col := m.fromCol; col <= min(m.toCol, len(r.cells)); col++ {
				if (col > m.fromCol || r.num > m.fromRow) && r.cells[col-1] != (cell{}) {
					ref, _ := excelize.CoordinatesToCellName(col, r.num)
					return fmt.Errorf("line %d: # merge %s: %s holds a value, but only the top-left cell of a merge keeps one", m.line, m, ref)
				}
			}
			if title := (mergeRange{fromCol: 1, fromRow: r.num, toCol: r.mergeTo, toRow: r.num}); r.mergeTo > 1 && m.overlaps(title) {
				return fmt.Errorf("line %d: # merge %s overlaps the title %s", m.line, m, title)
			}
		}
	}
	return nil
}

// addRow puts cells in the next row of the current sheet.
func (p *parser) addRow(cells []cell) {
	s := p.sheet()
	last := len(cells)
	for last > 0 && cells[last-1] == (cell{}) {
		last--
	}
	if last > 0 && p.title >= 0 {
		s.rows[p.title].mergeTo = last
		p.title = -1
	}
	s.rows = append(s.rows, row{num: s.next, hidden: p.hideNext, red: p.redNext, cells: cells[:last]})
	s.next++
	p.hideNext, p.redNext = false, false
}

var (
	numberRE  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
	percentRE = regexp.MustCompile(`^(-?[0-9]+(?:\.([0-9]+))?)%$`)
	dateRE    = regexp.MustCompile(`^@([0-9]{4}-[0-9]{2}-[0-9]{2})(?::(.+))?$`)
)

// cell parses the source of one cell.
func (p *parser) cell(src string) (cell, error) {
	switch {
	case src == "":
		return cell{}, nil
	case src[0] == '\'':
		return cell{kind: text, value: src[1:]}, nil
	case src[0] == '"':
		s, err := strconv.Unquote(src)
		if err != nil {
			return cell{}, errors.New(`want a Go string literal such as "a|b"`)
		}
		return cell{kind: text, value: s}, nil
	case src[0] == '=':
		return parseFormula(src[1:])
	case src[0] == '@':
		return p.date(src)
	case strings.HasPrefix(src, "~money "):
		v := strings.TrimSpace(strings.TrimPrefix(src, "~money "))
		if !isNumber(v) {
			return cell{}, errors.New("want ~money and a number such as 1234.5")
		}
		return cell{kind: number, value: v, numFmt: "#,##0.00"}, nil
	case strings.HasPrefix(src, "~fmt "):
		code, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(src, "~fmt ")), " ")
		v = strings.TrimSpace(v)
		if !ok || code == "" || !isNumber(v) {
			return cell{}, errors.New("want ~fmt, a format code without spaces and a number, such as ~fmt 000 1")
		}
		return cell{kind: number, value: v, numFmt: code}, nil
	case strings.HasPrefix(src, "~strike "):
		runs := strings.Fields(strings.TrimPrefix(src, "~strike "))
		if len(runs) < 1 || len(runs) > 2 {
			return cell{}, errors.New("want ~strike and one or two runs of text, such as ~strike 3 2")
		}
		return cell{kind: text, value: strings.Join(runs, ""), struck: runs[0]}, nil
	case strings.HasPrefix(src, "#bool "):
		switch strings.TrimSpace(strings.TrimPrefix(src, "#bool ")) {
		case "TRUE":
			return cell{kind: boolean, value: "1"}, nil
		case "FALSE":
			return cell{kind: boolean, value: "0"}, nil
		}
		return cell{}, errors.New("want #bool TRUE or #bool FALSE")
	case numberRE.MatchString(src):
		if !isNumber(src) {
			return cell{}, errors.New("number out of range")
		}
		return cell{kind: number, value: src}, nil
	case percentRE.MatchString(src):
		m := percentRE.FindStringSubmatch(src)
		format := "0%"
		if m[2] != "" {
			format = "0." + strings.Repeat("0", len(m[2])) + "%"
		}
		v := decimal.RequireFromString(m[1]).Shift(-2).String()
		return cell{kind: number, value: v, numFmt: format}, nil
	}
	return cell{kind: text, value: src}, nil
}

// isNumber reports whether s is a number a cell can store as it is typed.
func isNumber(s string) bool {
	if !numberRE.MatchString(s) {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// parseFormula parses a formula cell without its "=".
func parseFormula(src string) (cell, error) {
	formula, cached, hasCache := src, "", false
	if i := indexOutsideQuotes(src, "=>"); i >= 0 {
		formula, cached, hasCache = src[:i], src[i+2:], true
	}
	if formula == "" {
		return cell{}, errors.New("empty formula")
	}
	c := cell{formula: formula}
	switch {
	case !hasCache:
	case isNumber(cached):
		c.kind, c.value = number, cached
	case strings.HasPrefix(cached, `"`):
		s, err := strconv.Unquote(cached)
		if err != nil {
			return cell{}, errors.New(`want a cached text as a Go string literal such as "ax"`)
		}
		c.kind, c.value = text, s
	default:
		return cell{}, errors.New(`want a cached value after "=>": a number or a quoted text`)
	}
	return c, nil
}

// date parses a date cell: "@2026-09-01" or "@2026-09-01:FORMAT".
func (p *parser) date(src string) (cell, error) {
	m := dateRE.FindStringSubmatch(src)
	if m == nil {
		return cell{}, errors.New(`want a date such as @2026-09-01 or @2026-09-01:yyyy"年"m"月"d"日"`)
	}
	t, err := time.Parse(time.DateOnly, m[1])
	if err != nil {
		return cell{}, fmt.Errorf("bad date: %w", err)
	}
	// The 1900 system counts from 1899-12-30 because Excel takes 1900 for a
	// leap year; that only holds from 1900-03-01 on.
	epoch, first := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC), time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	if p.b.date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		first = epoch
	}
	if t.Before(first) {
		return cell{}, fmt.Errorf("date before %s", first.Format(time.DateOnly))
	}
	format := m[2]
	if format == "" {
		format = "yyyy-mm-dd"
	}
	serial := int(t.Sub(epoch) / (24 * time.Hour))
	return cell{kind: number, value: strconv.Itoa(serial), numFmt: format}, nil
}

// splitRow splits a row line into the sources of its cells.
func splitRow(line string) ([]string, error) {
	sep, trim := byte('\t'), false
	if strings.HasPrefix(line, "|") {
		sep, trim = '|', true
		line = strings.TrimSuffix(strings.TrimRight(line[1:], " \t"), "|")
	}
	var cells []string
	for {
		i := 0
		if trim {
			i = skipBlanks(line, 0)
		}
		start := i
		switch {
		case i < len(line) && line[i] == '"':
			end := closingQuote(line, i)
			if end < 0 {
				return nil, fmt.Errorf("no closing quote: %s", strings.TrimSpace(line[start:]))
			}
			i = end + 1
			if trim {
				i = skipBlanks(line, i)
			}
			if i < len(line) && line[i] != sep {
				return nil, fmt.Errorf("text after the closing quote of %s", line[start:end+1])
			}
			cells = append(cells, line[start:end+1])
		default:
			quoted := false
			for ; i < len(line) && (quoted || line[i] != sep); i++ {
				// Only a formula may hold quoted strings with separators in
				// them; a quote inside plain text is just a character.
				if line[i] == '"' && line[start] == '=' {
					quoted = !quoted
				}
			}
			cell := line[start:i]
			if trim {
				cell = strings.TrimRight(cell, " \t")
			}
			cells = append(cells, cell)
		}
		if i >= len(line) {
			return cells, nil
		}
		line = line[i+1:]
	}
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// closingQuote returns the index of the quote that ends the Go string literal
// starting at s[start], or -1.
func closingQuote(s string, start int) int {
	for i := start + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// indexOutsideQuotes returns the index of the first sep in s that is not inside
// a double-quoted string, or -1.
func indexOutsideQuotes(s, sep string) int {
	quoted := false
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			quoted = !quoted
		} else if !quoted && strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}
