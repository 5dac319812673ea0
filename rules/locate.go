package rules

import (
	"slices"
	"strconv"
	"strings"
)

// A keyPath names a value in a rules file: table and key names, with array
// elements as "[i]" (0-based), e.g. {"event", "[1]", "per_event"}.
type keyPath []string

// with returns k extended by elems, never sharing k's backing array.
func (k keyPath) with(elems ...string) keyPath {
	return append(slices.Clip(k), elems...)
}

// elem names the i-th element of an array in a keyPath.
func elem(i int) string { return "[" + strconv.Itoa(i) + "]" }

// String formats k as event[1].per_event.
func (k keyPath) String() string {
	var b strings.Builder
	for i, s := range k {
		if i > 0 && !strings.HasPrefix(s, "[") {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// mapKey is k as a key of the locator's map.
func (k keyPath) mapKey() string { return strings.Join(k, "\x1f") }

// A locator knows the line on which each key of a TOML text is written.
//
// BurntSushi/toml keeps key positions to itself, so the locator scans the
// text again. It runs only on text the toml parser has accepted and is
// lenient about everything else; all it must do is never fail or loop.
type locator struct {
	lines map[string]int // keyPath.mapKey() → line, first occurrence
}

// locate scans src and notes the line of every table header, key and array
// element: `[rates]`, `[[event]]` (counted by index), `key =`, dotted keys
// `rates.lesson =`, inline tables and the elements of multi-line arrays.
func locate(src []byte) locator {
	s := &scanner{src: src, line: 1, lines: map[string]int{}, arrays: map[string]int{}}
	if strings.HasPrefix(string(src), "\xef\xbb\xbf") { // Windows Notepad's BOM
		s.i = 3
	}
	s.document()
	return locator{s.lines}
}

// line returns the line of k, or else of its nearest enclosing key or table
// that the text spells out, or else 0.
func (l locator) line(k keyPath) int {
	for n := len(k); n > 0; n-- {
		if line, ok := l.lines[k[:n].mapKey()]; ok {
			return line
		}
	}
	return 0
}

type scanner struct {
	src    []byte
	i      int
	line   int
	table  keyPath        // the table the latest header opened
	lines  map[string]int // what locate returns
	arrays map[string]int // [[name]] headers seen, by resolved name
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

// peek returns the byte off bytes ahead, or 0 past the end.
func (s *scanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

// next moves one byte on, counting lines.
func (s *scanner) next() {
	if s.i < len(s.src) {
		if s.src[s.i] == '\n' {
			s.line++
		}
		s.i++
	}
}

// record notes line as the line of k and of each enclosing key not seen yet,
// so that a dotted key `rates.lesson = …` also places [rates].
func (s *scanner) record(k keyPath, line int) {
	for n := 1; n <= len(k); n++ {
		mk := k[:n].mapKey()
		if _, ok := s.lines[mk]; !ok {
			s.lines[mk] = line
		}
	}
}

func (s *scanner) document() {
	for !s.eof() {
		s.space(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek(0) == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.restOfLine()
		if s.i == start {
			s.next()
		}
	}
}

// header reads `[a.b]` or `[[a.b]]` and makes it the current table.
func (s *scanner) header() {
	line := s.line
	double := s.peek(1) == '['
	s.next()
	if double {
		s.next()
	}
	names := s.keys()
	// An array table's name refers to the latest element of each enclosing
	// array table: [[event.x]] after the second [[event]] is event[1].x[…].
	var k keyPath
	for i, name := range names {
		k = k.with(name)
		if n, ok := s.arrays[k.mapKey()]; ok && i < len(names)-1 {
			k = k.with(elem(n - 1))
		}
	}
	if double {
		n := s.arrays[k.mapKey()]
		s.arrays[k.mapKey()] = n + 1
		k = k.with(elem(n))
	}
	s.table = k
	s.record(k, line)
}

// keyValue reads `key = value` inside table.
func (s *scanner) keyValue(table keyPath) {
	line := s.line
	names := s.keys()
	if len(names) == 0 {
		return
	}
	k := table.with(names...)
	s.record(k, line)
	s.blank()
	if s.peek(0) != '=' {
		return
	}
	s.next()
	s.blank()
	s.value(k)
}

// keys reads a dotted key: bare, "quoted" or 'literal' parts.
func (s *scanner) keys() []string {
	var names []string
	for {
		s.blank()
		name, ok := s.key()
		if !ok {
			return names
		}
		names = append(names, name)
		s.blank()
		if s.peek(0) != '.' {
			return names
		}
		s.next()
	}
}

func (s *scanner) key() (string, bool) {
	switch c := s.peek(0); c {
	case '"', '\'':
		start := s.i
		s.str()
		raw := string(s.src[start:s.i])
		if c == '"' {
			if unq, err := strconv.Unquote(raw); err == nil {
				return unq, true
			}
		}
		return strings.Trim(raw, string(c)), true
	}
	start := s.i
	for !s.eof() && !strings.ContainsRune(" \t\r\n=.[]{}#,\"'", rune(s.peek(0))) {
		s.next()
	}
	return string(s.src[start:s.i]), s.i > start
}

// value reads one value and notes the lines of what it holds.
func (s *scanner) value(k keyPath) {
	switch s.peek(0) {
	case '"', '\'':
		s.str()
	case '[':
		s.array(k)
	case '{':
		s.inlineTable(k)
	default: // number, bool, date: up to the next delimiter
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek(0))) {
			s.next()
		}
	}
}

func (s *scanner) array(k keyPath) {
	s.next() // [
	for n := 0; !s.eof(); {
		s.space(true)
		switch s.peek(0) {
		case ']':
			s.next()
			return
		case ',':
			s.next()
			continue
		}
		start := s.i
		e := k.with(elem(n))
		s.record(e, s.line)
		s.value(e)
		n++
		if s.i == start {
			s.next()
		}
	}
}

func (s *scanner) inlineTable(k keyPath) {
	s.next() // {
	for !s.eof() {
		s.space(true)
		switch s.peek(0) {
		case '}':
			s.next()
			return
		case ',':
			s.next()
			continue
		}
		start := s.i
		s.keyValue(k)
		if s.i == start {
			s.next()
		}
	}
}

// str reads a basic or literal string, single- or multi-line.
func (s *scanner) str() {
	q := s.peek(0)
	escapes := q == '"'
	if s.peek(1) == q && s.peek(2) == q {
		s.next()
		s.next()
		s.next()
		for !s.eof() {
			if escapes && s.peek(0) == '\\' {
				s.next()
				s.next()
				continue
			}
			if s.peek(0) == q && s.peek(1) == q && s.peek(2) == q {
				s.next()
				s.next()
				s.next()
				// Up to two more quotes belong to the content: """a""""".
				for n := 0; n < 2 && s.peek(0) == q; n++ {
					s.next()
				}
				return
			}
			s.next()
		}
		return
	}
	s.next()
	for !s.eof() && s.peek(0) != '\n' {
		c := s.peek(0)
		if escapes && c == '\\' {
			s.next()
			s.next()
			continue
		}
		s.next()
		if c == q {
			return
		}
	}
}

// blank skips spaces and tabs.
func (s *scanner) blank() {
	for c := s.peek(0); c == ' ' || c == '\t'; c = s.peek(0) {
		s.next()
	}
}

// space skips spaces, tabs and comments, and line ends when newlines is set.
func (s *scanner) space(newlines bool) {
	for !s.eof() {
		switch s.peek(0) {
		case ' ', '\t', '\r':
			s.next()
		case '\n':
			if !newlines {
				return
			}
			s.next()
		case '#':
			for !s.eof() && s.peek(0) != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

// restOfLine skips to the start of the next line.
func (s *scanner) restOfLine() {
	for !s.eof() && s.peek(0) != '\n' {
		s.next()
	}
	s.next()
}
