package render

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// fixedTime stands in for every time a kfpay workbook records (zip entry
// times, docProps created and modified), so that the same content gives the
// same bytes (SPEC 5: no clock time reaches an output file). 1980-01-01 is
// the earliest time a zip entry can carry.
var fixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// outputMode is the mode of every file kfpay writes. excelize's SaveAs would
// use 0777.
const outputMode = 0o644

// ExistsError reports an output file that exists and that the user did not
// allow to be overwritten (SPEC 5).
type ExistsError struct {
	Path string // as the user gave it
}

func (e *ExistsError) Error() string {
	return e.Path + " 已存在；如需覆盖请加 --force"
}

// Unwrap lets callers test for the condition with errors.Is(err, fs.ErrExist).
func (e *ExistsError) Unwrap() error { return fs.ErrExist }

// Save writes the book to path the way every kfpay output is written: with
// no clock time and entries in a fixed order, so identical content gives
// identical bytes, and through a temporary file, so a failed run leaves no
// half file and an existing file is replaced only when force is set.
func (b *Book) Save(path string, force bool) error {
	_, err := b.SaveKeeping(path, force)
	return err
}

// SaveKeeping is Save, and returns the name the file it replaced now has
// (see WriteFiles), "" when it replaced none.
func (b *Book) SaveKeeping(path string, force bool) (backup string, err error) {
	backups, err := WriteFiles(b.ctx, force, b.Output(path))
	if err != nil {
		return "", err
	}
	return backups[0], nil
}

// Output is the book as an output file at path, for WriteFiles to write
// with others, all or none.
func (b *Book) Output(path string) File {
	return File{Path: path, Write: b.write}
}

// write writes the book, stamped with fixedTime, its zip entries sorted.
func (b *Book) write(w io.Writer) error {
	stamp := fixedTime.Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Creator:  "kfpay",
		Created:  stamp,
		Modified: stamp,
	}); err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}
	splice, err := b.sheetBodies()
	if err != nil {
		return err
	}
	// The archive goes straight to w, not to the buffer excelize hands
	// its zip writer and then copies to w: for 250,000 teachers that buffer
	// grew to the whole 48 MB workbook, 128 MB allocated (issue 20).
	// excelize's buffer stays empty; what it does to it after the zip is
	// closed (zip64 headers of a streamed sheet past 4 GiB, encryption)
	// kfpay does not use.
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		z := newSortedZip(w)
		z.splice = splice
		return z
	})
	return b.f.Write(w)
}

// sheetBodies waits for the rows of the sheets written by kfpay itself
// (rowWriter) to be deflated and returns them by the path of their sheet's
// XML in the zip.
func (b *Book) sheetBodies() (map[string]*sheetBody, error) {
	if len(b.bodies) == 0 {
		return nil, nil
	}
	ids := map[string]int{}
	for id, name := range b.f.GetSheetMap() {
		ids[name] = id
	}
	splice := map[string]*sheetBody{}
	for _, body := range b.bodies {
		<-body.done
		if body.err != nil {
			return nil, body.err
		}
		id, ok := ids[body.sheet]
		if !ok {
			return nil, fmt.Errorf("render: rows written for sheet %s, which the book does not have", body.sheet)
		}
		// The path excelize gives a sheet it adds (setSheet).
		splice["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = body
	}
	return splice, nil
}

// WriteFile writes data to path the way kfpay writes every output, for the
// files that are not workbooks (the rules file of kfpay init): through a
// temporary file beside path, renamed once complete, removed on any error.
// An existing path is an *ExistsError unless force is set; with force the
// previous file is kept as a numbered backup (see WriteFiles).
func WriteFile(ctx context.Context, path string, data []byte, force bool) error {
	_, err := WriteFiles(ctx, force, Bytes(path, data))
	return err
}

// Bytes is the output file at path that holds data.
func Bytes(path string, data []byte) File {
	return File{Path: path, Write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
}

// File is an output file: where, and a function that writes its content.
type File struct {
	Path  string
	Write func(io.Writer) error
}

// WriteFiles writes each file to a temporary file next to its path and
// renames it over the path once it is complete and synced. An existing path
// is an *ExistsError unless force is set; with force the previous file is
// kept as path.N.bak, N one more than any such backup there (path.1.bak,
// path.2.bak, …): a payout replaced three times may have been signed the
// first time, and no backup is ever deleted or replaced. backups[i] is the
// name the previous file at files[i].Path now has, "" when there was none.
// Every file is written to its temporary name before any is renamed, and
// when a rename fails the files already renamed are taken back, so that
// either all the files are in place or none is: on any error no temporary
// file is left and every path is as it was. (A crash between two renames
// can still leave the first alone: rename is atomic per file only.) Once
// ctx is done no file is renamed into place: WriteFiles returns ctx's error
// and leaves every path as it was.
func WriteFiles(ctx context.Context, force bool, files ...File) (backups []string, err error) {
	var staged []*stagedFile
	done := false
	defer func() {
		// On an error, and on a panic on its way to the top: no temporary
		// file stays behind either way.
		if !done {
			for _, s := range staged {
				s.discard()
			}
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := stageFile(f.Path, force, f.Write)
		if err != nil {
			return nil, err
		}
		staged = append(staged, s)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := commitAll(staged); err != nil {
		return nil, err
	}
	done = true
	backups = make([]string, len(staged))
	for i, s := range staged {
		backups[i] = s.backup
	}
	return backups, nil
}

// commitAll renames staged files into place in order. When one fails, the
// ones before it are taken back, and its error is returned.
func commitAll(staged []*stagedFile) error {
	for i, s := range staged {
		if err := s.commit(); err != nil {
			for j := i - 1; j >= 0; j-- {
				staged[j].undo()
			}
			return err
		}
	}
	for _, s := range staged {
		syncDir(filepath.Dir(s.path))
	}
	return nil
}

// stagedFile is a file written in full to a temporary name next to its path,
// waiting to be renamed into place.
type stagedFile struct {
	path   string
	tmp    string // "" once renamed or removed
	exists bool   // path existed: commit keeps it as a numbered backup
	backup string // where commit kept it
}

// stageFile checks that path may be written and writes the content to a
// temporary file next to it, synced and closed.
func stageFile(path string, force bool, write func(io.Writer) error) (*stagedFile, error) {
	name := filepath.Base(path)
	info, err := os.Lstat(path)
	exists := err == nil
	switch {
	case exists && !force:
		return nil, &ExistsError{Path: path}
	case exists && !info.Mode().IsRegular():
		// Renaming a directory or a link away to .bak is never what --force meant.
		return nil, fmt.Errorf("%s 不是普通文件，不能覆盖", path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("无法检查 %s：%w", path, err)
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), "."+name+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("无法在 %s 所在目录创建临时文件：%w", path, err)
	}
	staged := false
	defer func() {
		// On an error, and on a panic of write (excelize has known ones) on
		// its way to the top.
		if !staged {
			_ = tmp.Close() // may already be closed; the first error is the one to report
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(outputMode); err != nil {
		return nil, fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	if err := write(tmp); err != nil {
		return nil, fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	// Sync before the rename: otherwise a crash can leave the new name
	// pointing at an empty file.
	if err := tmp.Sync(); err != nil {
		return nil, fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	staged = true
	return &stagedFile{path: path, tmp: tmp.Name(), exists: exists}, nil
}

// commit renames the temporary file over path, keeping a previous file as
// the next numbered backup. On failure path is left as it was.
func (s *stagedFile) commit() (err error) {
	name := filepath.Base(s.path)
	if s.exists {
		bak, err := nextBackup(s.path)
		if err != nil {
			return err
		}
		// The backup's name is new: nothing is renamed over an older one,
		// which Windows would refuse anyway.
		if err = os.Rename(s.path, bak); err != nil {
			return fmt.Errorf("无法把 %s 备份为 %s：%w", s.path, filepath.Base(bak), err)
		}
		s.backup = bak
	}
	if err = os.Rename(s.tmp, s.path); err != nil {
		if s.backup != "" {
			_ = os.Rename(s.backup, s.path) // put the previous file back where it was
			s.backup = ""
		}
		return fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	s.tmp = ""
	return nil
}

// nextBackup is the name the previous file at path is kept under:
// path.N.bak, N one more than the largest such backup beside it, so that
// the numbers keep the order the versions were replaced in even after a
// backup was deleted by hand.
func nextBackup(path string) (string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("无法读取 %s 所在的文件夹：%w", path, err)
	}
	last := 0
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), base+".")
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, ".bak")
		if n, err := strconv.Atoi(num); ok && err == nil && n > last && strconv.Itoa(n) == num {
			last = n
		}
	}
	return path + "." + strconv.Itoa(last+1) + ".bak", nil
}

// undo takes back a commit: the new file goes, the previous one returns
// from its backup to path. It is best effort, on the way out of a failure.
func (s *stagedFile) undo() {
	_ = os.Remove(s.path)
	if s.backup != "" {
		_ = os.Rename(s.backup, s.path)
		s.backup = ""
	}
}

// discard removes the temporary file if it was not renamed.
func (s *stagedFile) discard() {
	if s.tmp != "" {
		_ = os.Remove(s.tmp)
		s.tmp = ""
	}
}

// syncDir makes a rename in dir durable where the system allows it. It is
// best effort: Windows cannot open a directory for syncing, and the file
// itself is already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// sortedZip is an excelize.ZipWriter that holds every entry until Close and
// then writes them sorted by name, each stamped with fixedTime. excelize
// writes streamed sheets in map order, which changes from run to run; this
// makes the archive depend on its content only. Each entry is compressed as
// it is written, so that what waits for Close is the compressed workbook:
// for a district's 50,000 teachers, a few megabytes instead of a hundred.
type sortedZip struct {
	zw      *zip.Writer
	entries map[string]*zipEntry
	last    *zipEntry // the entry being written
	// splice are the rows of sheets kfpay wrote itself, by the path of the
	// sheet's XML, which excelize writes with an empty <sheetData>.
	splice map[string]*sheetBody
}

// zipEntry is one entry of a sortedZip: its content deflated, its checksum
// and its size. The entry of a sheet whose rows are spliced in is kept as
// excelize writes it, a few kilobytes, until it ends.
type zipEntry struct {
	deflated chunks
	fw       *flate.Writer
	crc      uint32
	size     uint64
	body     *sheetBody    // rows to put in its <sheetData>, or nil
	plain    *bytes.Buffer // what excelize wrote of such an entry
}

func newSortedZip(w io.Writer) *sortedZip {
	return &sortedZip{zw: zip.NewWriter(w), entries: map[string]*zipEntry{}}
}

// zipLevel is the compression level of kfpay's workbooks. Deflating is a
// sixth of the time of a district's payroll at archive/zip's level 5;
// BestSpeed takes 0.45 s less CPU there for a file a third larger (7.9
// instead of 6.0 MB for 50,000 teachers), which no one will notice.
// klauspost/compress's BestSpeed deflates the payout of 51,000 teachers
// (issue 20) in a third of compress/flate's time, for a file about as
// large.
const zipLevel = flate.BestSpeed

// Create starts the entry name and ends the one before it: excelize writes
// each entry whole before it creates the next.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, dup := z.entries[name]; dup {
		return nil, fmt.Errorf("zip entry %s written twice", name)
	}
	if err := z.endLast(); err != nil {
		return nil, err
	}
	e := &zipEntry{}
	z.entries[name] = e
	z.last = e
	if body := z.splice[name]; body != nil {
		e.body, e.plain = body, &bytes.Buffer{}
		delete(z.splice, name)
		return e, nil
	}
	e.fw = getDeflater(&e.deflated)
	return e, nil
}

// Write compresses p into the entry.
func (e *zipEntry) Write(p []byte) (int, error) {
	if e.plain != nil {
		return e.plain.Write(p)
	}
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

// endLast finishes the compression of the entry being written.
func (z *sortedZip) endLast() error {
	e := z.last
	if e == nil {
		return nil
	}
	z.last = nil
	if e.plain != nil {
		return e.spliceBody()
	}
	err := e.fw.Close()
	putDeflater(e.fw)
	e.fw = nil
	return err
}

// spliceBody deflates the sheet excelize wrote with its rows in its empty
// <sheetData>: the XML before the rows and after them are deflated apart,
// each piece ending on a byte, so that the three deflate streams read as
// one; the checksum of the rows, made as they were deflated, is combined
// with the others'.
func (e *zipEntry) spliceBody() error {
	xml := e.plain.Bytes()
	at := bytes.Index(xml, emptySheetData)
	if at < 0 || bytes.Count(xml, emptySheetData) != 1 {
		return fmt.Errorf("%w (%s)", errNoSheetData, e.body.sheet)
	}
	head := xml[:at+len("<sheetData>")]
	tail := xml[at+len("<sheetData>"):]
	if b := e.body.breaks; b != nil {
		// The page breaks go right after the page header and footer, where
		// the schema has them.
		i := bytes.Index(tail, endHeaderFooter)
		if i < 0 || bytes.Contains(tail, []byte("<rowBreaks")) {
			return fmt.Errorf("render: no place for the page breaks of sheet %s", e.body.sheet)
		}
		i += len(endHeaderFooter)
		tail = slices.Concat(tail[:i], b, tail[i:])
	}
	fw := getDeflater(&e.deflated)
	defer putDeflater(fw)
	if _, err := fw.Write(head); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	e.deflated.join(&e.body.deflated)
	fw.Reset(&e.deflated)
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, e.body.crc, e.body.size)
	e.crc, e.size = crc, uint64(len(head))+uint64(e.body.size)
	rest := tail
	if len(e.body.merges) > 0 {
		// The merged cells go where the marker is, as excelize writes them.
		i := bytes.Index(tail, mergeMarker)
		if i < 0 || bytes.Count(tail, mergeMarker) != 1 {
			return fmt.Errorf("render: no place for the merged cells of sheet %s", e.body.sheet)
		}
		if err := e.writeTail(fw, tail[:i]); err != nil {
			return err
		}
		if err := e.writeMerges(fw, e.body.merges); err != nil {
			return err
		}
		rest = tail[i+len(mergeMarker):]
	}
	if err := e.writeTail(fw, rest); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	e.plain, e.body = nil, nil
	return nil
}

// writeTail deflates p, a piece of a spliced sheet after its rows, with fw,
// and counts it in the entry's checksum and size.
func (e *zipEntry) writeTail(fw *flate.Writer, p []byte) error {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	_, err := fw.Write(p)
	return err
}

// writeMerges writes the <mergeCells> of merges with fw, as excelize's
// StreamWriter writes them (v2.11.1: MergeCell and Flush), a piece at a
// time.
func (e *zipEntry) writeMerges(fw *flate.Writer, merges []merge) error {
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, `<mergeCells count="`...)
	buf = strconv.AppendInt(buf, int64(len(merges)), 10)
	buf = append(buf, `">`...)
	for _, m := range merges {
		if len(buf) > 60<<10 {
			if err := e.writeTail(fw, buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
		a, err := excelize.CoordinatesToCellName(m.from, m.r)
		if err != nil {
			return err
		}
		b, err := excelize.CoordinatesToCellName(m.to, m.r)
		if err != nil {
			return err
		}
		buf = append(buf, `<mergeCell ref="`...)
		buf = append(buf, a...)
		buf = append(buf, ':')
		buf = append(buf, b...)
		buf = append(buf, `"/>`...)
	}
	buf = append(buf, `</mergeCells>`...)
	return e.writeTail(fw, buf)
}

// mergeMarkerCell is the cell of the one merge a grid gives excelize's
// stream in place of its own (Grid.Finish), which no grid merges: a merge
// of one cell, the last of a sheet; mergeMarker is the XML excelize writes
// of it.
const mergeMarkerCell = "XFD1048576"

var mergeMarker = []byte(`<mergeCells count="1"><mergeCell ref="` + mergeMarkerCell + ":" + mergeMarkerCell + `"/></mergeCells>`)

// endHeaderFooter ends the page header and footer of a sheet's XML, which
// its <rowBreaks> follows.
var endHeaderFooter = []byte("</headerFooter>")

// AddFS is part of excelize.ZipWriter; excelize does not call it when saving.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("sortedZip: AddFS is not supported")
}

// Close writes the entries in name order and finishes the archive. Byte
// order puts [Content_Types].xml first, where readers expect it.
func (z *sortedZip) Close() error {
	if err := z.endLast(); err != nil {
		return err
	}
	for name, body := range z.splice {
		return fmt.Errorf("render: the rows of sheet %s found no %s to go in", body.sheet, name)
	}
	for _, name := range slices.Sorted(maps.Keys(z.entries)) {
		e := z.entries[name]
		w, err := z.zw.CreateRaw(&zip.FileHeader{
			Name:               name,
			Method:             zip.Deflate,
			Modified:           fixedTime,
			CRC32:              e.crc,
			CompressedSize64:   uint64(e.deflated.Len()),
			UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := e.deflated.WriteTo(w); err != nil {
			return err
		}
	}
	return z.zw.Close()
}
