package xlsx

import (
	"bytes"
	"strings"
)

// readSharedStrings loads the shared string table with the hand-written
// scanner: a log saved by Excel keeps every text cell there, up to a million
// strings, and encoding/xml would take seconds over them.
func (wb *Workbook) readSharedStrings(p string) error {
	zf := wb.part(p)
	if zf == nil {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return wb.corrupt(p, err)
	}
	if zf.UncompressedSize64 > prefetchBuffers*prefetchChunk {
		rc = newPrefetcher(rc)
	}
	defer rc.Close()
	sst, ends, strikes, err := parseSharedStrings(newXMLReader(rc, windowBytes), int(zf.UncompressedSize64))
	if err != nil {
		return wb.corrupt(p, err)
	}
	wb.sst, wb.sstEnd, wb.sstStrike = sst, ends, strikes
	return nil
}

// sharedString returns shared string i, a substring of the table, so that
// cells share it rather than each holding a copy.
func (wb *Workbook) sharedString(i int) (string, bool) {
	if i < 0 || i >= len(wb.sstEnd) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = wb.sstEnd[i-1]
	}
	return wb.sst[start:wb.sstEnd[i]], true
}

// parseSharedStrings reads xl/sharedStrings.xml: the text of each <si>, one
// after another in one string, and where each ends. size is the part's
// size: decoded text is never longer than its XML, so the string is
// allocated once, and the count attribute cannot ask for more than the
// part could hold. strikes holds the strings whose runs strike any text
// through, by index: nil when none does, as in almost every workbook.
func parseSharedStrings(x *xmlReader, size int) (sst string, ends []uint32, strikes map[int]Strike, err error) {
	var (
		text   strings.Builder // String returns it without a copy
		si     []byte          // one string, parsed again when cut by the window's end
		strike Strike
		closed bool
	)
	text.Grow(size)
	for !closed {
		d := x.data()
		i := bytes.IndexByte(d, '<')
		if i < 0 {
			x.pos = x.end
			if !x.more() {
				break
			}
			continue
		}
		x.pos += i
		d = d[i:]
		var t tag
		t, err = lexTag(d)
		n := t.n
		switch {
		case err != nil:
		case t.is(tagStart, "sst"):
			if c := attrInt(t.body, "uniqueCount"); c > 0 {
				ends = make([]uint32, 0, min(c, size/8))
			}
		case t.is(tagStart, "si"):
			var m int
			si, m, strike, err = appendRichText(si[:0], d[t.n:], "si")
			n += m
		case t.is(tagEmpty, "si"):
			si, strike = si[:0], StrikeNone
		case t.is(tagEnd, "sst"):
			closed = true
		}
		if err == errShort {
			if !x.more() {
				break
			}
			continue
		}
		if err != nil {
			return "", nil, nil, err
		}
		if t.opens("si") {
			if strike != StrikeNone {
				if strikes == nil {
					strikes = map[int]Strike{}
				}
				strikes[len(ends)] = strike
			}
			text.Write(si)
			ends = append(ends, uint32(text.Len()))
		}
		x.pos += n
	}
	if x.err != nil {
		return "", nil, nil, x.err
	}
	if !closed {
		return "", nil, nil, syntaxError("shared strings end before </sst>")
	}
	if x.drain(); x.err != nil {
		return "", nil, nil, x.err
	}
	return text.String(), ends, strikes, nil
}

// attrInt returns the attribute name of a start tag as a non-negative int,
// -1 when it is missing or not a number.
func attrInt(body []byte, name string) int {
	a := attrScan{d: body}
	for {
		n, v, ok := a.next()
		if !ok {
			return -1
		}
		if string(n) == name {
			x, ok := parseUint(v)
			if !ok {
				return -1
			}
			return x
		}
	}
}
