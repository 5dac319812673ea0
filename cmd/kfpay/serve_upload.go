package main

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// uploadLimit is the most one request of the page may send, all its files
// together. A million-row session log, the largest month kfpay is
// measured on (kfpay gen --rows 1000000), is 33 MB as a workbook and 49 MB
// as a UTF-8 CSV file; 256 MB holds either with its records, staff list
// and rules many times over, and still refuses a wrong file (a video, a
// disk image) before it fills the disk. Uploads are written to a
// temporary folder as they arrive, never held in memory.
const uploadLimit = 256 << 20

// errTooLarge is the Chinese sentence of a refused upload.
func errTooLarge(limit int64) string {
	return fmt.Sprintf("上传的文件太大：一次最多 %d MB（一百万行的课时登记约 33 MB）。请检查是否选错了文件。", limit>>20)
}

// form is a multipart POST of the page read: its fields, and its files
// written to a fresh temporary folder under the names they had on the
// bursar's machine, which the problems and 计算说明 then name.
type form struct {
	values map[string][]string
	files  map[string][]string // field → the paths of its files
	tmp    string              // the temporary folder; the caller removes it
}

func (f *form) value(name string) string {
	if v := f.values[name]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func (f *form) file(name string) string {
	if v := f.files[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// httpError is a request refused, with its status and the Chinese sentence
// the page shows.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// errForbidden is the answer to a request the page did not send.
var errForbidden = &httpError{http.StatusForbidden, "请求被拒绝：只接受本机 kfpay 网页自己发出的请求。请重新打开 kfpay 打印的网址。"}

// readForm reads a multipart POST of the page. Its first part must be the
// token (the page puts it first): no byte of a request the page did not
// send is written to disk. Each file goes to a folder of its own under
// tmp, so that two files of one name (two months' 发放表.xlsx from two
// folders) do not meet.
func (sv *server) readForm(w http.ResponseWriter, r *http.Request) (*form, error) {
	if r.ContentLength > sv.limit {
		return nil, &httpError{http.StatusRequestEntityTooLarge, errTooLarge(sv.limit)}
	}
	r.Body = http.MaxBytesReader(w, r.Body, sv.limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errForbidden // not the page's form
	}
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "token" || !sv.tokenOK(readValue(part)) {
		return nil, errForbidden
	}
	tmp, err := os.MkdirTemp("", "kfpay-serve-")
	if err != nil {
		return nil, err
	}
	f := &form{values: map[string][]string{}, files: map[string][]string{}, tmp: tmp}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			os.RemoveAll(tmp)
			return nil, bodyError(err, sv.limit)
		}
		if part.FileName() == "" {
			f.values[part.FormName()] = append(f.values[part.FormName()], readValue(part))
			continue
		}
		name, err := uploadName(part.FileName())
		if err != nil {
			os.RemoveAll(tmp)
			return nil, err
		}
		path := filepath.Join(tmp, strconv.Itoa(n), name)
		if err := saveUpload(path, part); err != nil {
			os.RemoveAll(tmp)
			return nil, bodyError(err, sv.limit)
		}
		f.files[part.FormName()] = append(f.files[part.FormName()], path)
	}
}

// readValue reads a form field: a few hundred bytes at most (a month, a
// teacher's name, a file name of the folder).
func readValue(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 4<<10))
	return string(b)
}

func saveUpload(path string, r io.Reader) error {
	if err := os.Mkdir(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, r)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// bodyError is the answer to a request body that could not be read: too
// large, or cut off.
func bodyError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &httpError{http.StatusRequestEntityTooLarge, errTooLarge(limit)}
	}
	return &httpError{http.StatusBadRequest, "上传没有完成：" + err.Error() + "。请再试一次。"}
}

// uploadName is the name of an uploaded file without any folder (some
// browsers on Windows send C:\fakepath\… or the whole path). Characters
// that kfpay settle reads as a pattern (* ? [) are made plain.
func uploadName(name string) (string, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.NewReplacer("*", "_", "?", "_", "[", "_", "]", "_").Replace(name)
	if err := checkFileName(name); err != nil {
		return "", err
	}
	return name, nil
}

// checkFileName refuses a name that is not a plain file name in one folder:
// empty, . or .., a name with a folder in it (/ or \), an absolute path or
// a drive (C:), a control character, or a name Windows gives a device
// (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension), which on
// Windows opens the device instead of a file.
func checkFileName(name string) error {
	bad := func(why string) error {
		return &httpError{http.StatusBadRequest, fmt.Sprintf("文件名 %q 不能使用：%s。只能是本文件夹中的文件名。", name, why)}
	}
	switch {
	case name == "" || name == "." || name == "..":
		return bad("不是文件名")
	case strings.Contains(name, ".."):
		return bad("含有 ..")
	case strings.ContainsAny(name, `/\:`) || filepath.IsAbs(name) || filepath.VolumeName(name) != "":
		return bad("含有文件夹或盘符")
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return bad("含有控制字符")
	case isDeviceName(name):
		return bad("是 Windows 的设备名")
	}
	return nil
}

// isDeviceName reports whether name is one Windows reserves for a device,
// whatever its extension or case (nul.xlsx is NUL).
func isDeviceName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if n := []rune(base); len(n) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return n[3] >= '0' && n[3] <= '9' || strings.ContainsRune("¹²³", n[3])
	}
	return false
}

// tokenOK reports whether got is the page's token, in constant time.
func (sv *server) tokenOK(got string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(sv.token)) == 1
}
