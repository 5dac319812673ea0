package rules

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// bareMonth is a month written as TOML has no type for: 2026-09.
var bareMonth = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}$`)

// lenient rewrites two things that TOML forbids and that a school writing
// its cases in Chinese naturally writes, so that the file reads as it was
// meant: a bare key in Chinese (expect.王芳 = { 绩效服务费 = "20.00" }; TOML
// bare keys are ASCII) is put in quotes, and a month written bare
// (month = 2026-09; TOML dates have a day) becomes the string "2026-09".
// Nothing else changes and no line moves, so that every line number of the
// file stays right. It is a scanner, not a parser: what it does not
// understand it copies, and the TOML parser then says what is wrong.
func lenient(src []byte) []byte {
	s := &lenientScanner{src: string(src)}
	s.run()
	return []byte(s.out.String())
}

type lenientScanner struct {
	src   string
	i     int
	out   strings.Builder
	stack []byte // open '[' (array) and '{' (inline table) of values
	key   bool   // a key is expected next
	last  string // the last key segment read
}

func (s *lenientScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *lenientScanner) copyByte() {
	s.out.WriteByte(s.src[s.i])
	s.i++
}

func (s *lenientScanner) run() {
	s.key = true
	for s.i < len(s.src) {
		c := s.peek(0)
		switch {
		case c == '#':
			for s.i < len(s.src) && s.peek(0) != '\n' {
				s.copyByte()
			}
		case c == '\n':
			s.copyByte()
			if len(s.stack) == 0 {
				s.key = true
			}
		case c == ' ' || c == '\t' || c == '\r':
			s.copyByte()
		case s.key && c == '[' && len(s.stack) == 0:
			s.header()
		case s.key:
			s.keys()
		default:
			s.value()
		}
	}
}

// header copies a [table] or [[array]] header, quoting its keys.
func (s *lenientScanner) header() {
	for s.peek(0) == '[' {
		s.copyByte()
	}
	for s.i < len(s.src) {
		switch c := s.peek(0); c {
		case ']':
			for s.peek(0) == ']' {
				s.copyByte()
			}
			s.key = false // only a comment may follow on the line
			return
		case '\n':
			return
		case ' ', '\t', '.':
			s.copyByte()
		case '"', '\'':
			s.str()
		default:
			start := s.i
			s.bare()
			if s.i == start {
				s.copyByte()
			}
		}
	}
}

// keys copies a dotted key up to its '=', quoting bare segments in Chinese.
func (s *lenientScanner) keys() {
	for s.i < len(s.src) {
		switch c := s.peek(0); c {
		case '=':
			s.copyByte()
			s.key = false
			return
		case '\n', '#':
			return
		case '}':
			s.close()
			return
		case ',':
			s.copyByte()
		case ' ', '\t', '.':
			s.copyByte()
		case '"', '\'':
			start := s.i
			s.str()
			s.last = strings.Trim(s.src[start:s.i], `"'`)
		default:
			start := s.i
			s.last = s.bare()
			if s.i == start {
				s.copyByte()
			}
		}
	}
}

// bare copies a run of bare-key characters, in quotes when it holds any that
// TOML does not allow bare, and returns it.
func (s *lenientScanner) bare() string {
	start := s.i
	for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n=.[]{},#\"'", rune(s.src[s.i])) {
		_, n := utf8.DecodeRuneInString(s.src[s.i:])
		s.i += n
	}
	run := s.src[start:s.i]
	ascii := true
	for _, r := range run {
		if !(r < utf8.RuneSelf && (r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')) {
			ascii = false
			break
		}
	}
	if ascii {
		s.out.WriteString(run)
	} else {
		s.out.WriteString(`"` + run + `"`)
	}
	return run
}

// value copies one token of a value: a string, a bracket, a comma, or a run
// of anything else (a number, a date, true).
func (s *lenientScanner) value() {
	switch c := s.peek(0); c {
	case '"', '\'':
		s.str()
	case '[':
		s.stack = append(s.stack, '[')
		s.copyByte()
	case '{':
		s.stack = append(s.stack, '{')
		s.copyByte()
		s.key = true
	case ']', '}':
		s.close()
	case ',':
		s.copyByte()
		if n := len(s.stack); n > 0 && s.stack[n-1] == '{' {
			s.key = true
		}
	default:
		start := s.i
		for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.i++
		}
		run := s.src[start:s.i]
		if s.last == "month" && bareMonth.MatchString(run) {
			s.out.WriteString(`"` + run + `"`)
		} else {
			s.out.WriteString(run)
		}
		if s.i == start {
			s.copyByte()
		}
	}
}

// close copies a ']' or '}' and leaves the value it closes.
func (s *lenientScanner) close() {
	s.copyByte()
	if n := len(s.stack); n > 0 {
		s.stack = s.stack[:n-1]
	}
	s.key = false
}

// str copies a basic or literal string, single- or multi-line, as it is.
func (s *lenientScanner) str() {
	q := s.peek(0)
	if s.peek(1) == q && s.peek(2) == q {
		s.copyByte()
		s.copyByte()
		s.copyByte()
		for s.i < len(s.src) {
			if q == '"' && s.peek(0) == '\\' {
				s.copyByte()
				if s.i < len(s.src) {
					s.copyByte()
				}
				continue
			}
			if s.peek(0) == q && s.peek(1) == q && s.peek(2) == q {
				s.copyByte()
				s.copyByte()
				s.copyByte()
				for s.peek(0) == q {
					s.copyByte()
				}
				return
			}
			s.copyByte()
		}
		return
	}
	s.copyByte()
	for s.i < len(s.src) && s.peek(0) != '\n' {
		c := s.peek(0)
		if q == '"' && c == '\\' {
			s.copyByte()
			if s.i < len(s.src) && s.peek(0) != '\n' {
				s.copyByte()
			}
			continue
		}
		s.copyByte()
		if c == q {
			return
		}
	}
}
