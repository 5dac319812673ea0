package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// encodeCSV turns text, UTF-8 with LF line ends as a txtar holds it, into a
// CSV file as a program saves it:
//
//	utf8      UTF-8, LF, as LibreOffice and web systems write it
//	utf8bom   UTF-8 with a byte order mark and CRLF: Excel's "CSV UTF-8（逗号分隔）"
//	gbk       GBK and CRLF: Excel's and WPS's "CSV（逗号分隔）" on Chinese Windows
//	utf16     UTF-16LE with a byte order mark and CRLF: Excel's "Unicode 文本"
//	big5      Big5 and CRLF: Excel's CSV on Traditional Chinese Windows, which
//	          kfpay does not read
//
// Text may hold \xNN escapes for bytes no encoding makes, which are put in
// after the encoding.
func encodeCSV(enc string, text []byte) ([]byte, error) {
	crlf := bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	var out []byte
	switch enc {
	case "utf8":
		out = text
	case "utf8bom":
		out = append([]byte("\xEF\xBB\xBF"), crlf...)
	case "gbk":
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes(crlf)
		if err != nil {
			return nil, fmt.Errorf("text not in GBK: %v", err)
		}
		out = b
	case "big5":
		b, err := traditionalchinese.Big5.NewEncoder().Bytes(crlf)
		if err != nil {
			return nil, fmt.Errorf("text not in Big5: %v", err)
		}
		out = b
	case "utf16":
		out = []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(string(crlf))) {
			out = binary.LittleEndian.AppendUint16(out, u)
		}
	default:
		return nil, fmt.Errorf("unknown encoding %q: want utf8, utf8bom, gbk or utf16", enc)
	}
	return unescapeBytes(out)
}

// unescapeBytes replaces each \xNN (two hex digits) in b with that byte.
func unescapeBytes(b []byte) ([]byte, error) {
	var out []byte
	for {
		i := bytes.Index(b, []byte(`\x`))
		if i < 0 || i+4 > len(b) {
			return append(out, b...), nil
		}
		var v byte
		if _, err := fmt.Sscanf(string(b[i+2:i+4]), "%02x", &v); err != nil {
			return nil, fmt.Errorf("bad escape %q", b[i:i+4])
		}
		out = append(append(out, b[:i]...), v)
		b = b[i+4:]
	}
}
