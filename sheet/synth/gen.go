package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// GenStats says what WriteSynthetic wrote.
type GenStats struct {
	Rows     int // session log rows below the header
	Teachers int
	Records  int // discipline records
	// Backups are the names the files replaced with force now have, one
	// for the session log and one for the records, "" for none.
	Backups []string
}

// Made-up names, as gen_big.py (shared/peers) draws them: a surname and a
// given name. Two teachers may share a name; the 工号 tells them apart.
var (
	genSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐")
	genGiven    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "秀英", "建国"}
	genGrades   = []rune("一二三四五六")
)

// genRecord is one discipline record of the synthetic month.
type genRecord struct {
	date          rules.Date
	id, name      string
	label         string
	percent, note string
	amount        int
}

// WriteSynthetic writes a made-up month of a district's after-school service,
// for benchmarks and for trying kfpay at scale (kfpay gen): a session log of
// rows rows at sessionsPath and discipline records for it at recordsPath.
// It follows shared/peers/gen_big.py: about 20 rows per teacher, 工号 as the
// identity, one row per kind and service day, 8% of the teachers on admin
// duty. The service days are those of r's calendar in m (weekdays when m lies
// outside the term); the records use the event labels of the built-in rules.
// The same arguments give the same bytes.
// ctx stops the writing: no file is then written.
func WriteSynthetic(ctx context.Context, sessionsPath, recordsPath string, rows int, m rules.Month, r *rules.Rules, force bool) (GenStats, error) {
	if rows < 1 {
		return GenStats{}, fmt.Errorf("gen: rows %d, want at least 1", rows)
	}
	// Seeded by the arguments, so that the same arguments give the same file.
	return Write(ctx, sessionsPath, recordsPath, Size{Rows: rows}, m, r, force)
}

// WriteSchool writes a made-up month of a school of teachers teachers, as
// WriteSynthetic does, each teacher's whole month: a school of a known size,
// to print (kfpay gen --teachers).
func WriteSchool(ctx context.Context, sessionsPath, recordsPath string, teachers int, m rules.Month, r *rules.Rules, force bool) (GenStats, error) {
	if teachers < 1 {
		return GenStats{}, fmt.Errorf("gen: teachers %d, want at least 1", teachers)
	}
	return Write(ctx, sessionsPath, recordsPath, Size{Teachers: teachers}, m, r, force)
}

// Size is the size of a synthetic month (Write): so many rows, or so many
// teachers, or both, whichever ends first; PerTeacher, when set, cuts each
// teacher's month to its first so many rows, which makes a district of many
// teachers with a few rows each (a million rows of 250,000 teachers).
type Size struct {
	Rows, Teachers, PerTeacher int
}

// Write writes a synthetic month of size sz, as WriteSynthetic and
// WriteSchool do; the same size gives the same bytes, and a size without
// PerTeacher the bytes those two write.
func Write(ctx context.Context, sessionsPath, recordsPath string, sz Size, m rules.Month, r *rules.Rules, force bool) (GenStats, error) {
	if sz.Rows < 0 || sz.Teachers < 0 || sz.PerTeacher < 0 || sz.Rows == 0 && sz.Teachers == 0 {
		return GenStats{}, fmt.Errorf("gen: size %+v, want rows or teachers", sz)
	}
	seed := uint64(sz.Rows)
	if sz.Rows == 0 {
		seed = 1<<40 | uint64(sz.Teachers)
	} else if sz.Teachers > 0 {
		seed ^= 1<<41 | uint64(sz.Teachers)<<20
	}
	if sz.PerTeacher > 0 {
		seed ^= 1<<42 | uint64(sz.PerTeacher)<<32
	}
	return write(ctx, sessionsPath, recordsPath, limits{rows: sz.Rows, teachers: sz.Teachers, perTeacher: sz.PerTeacher}, seed, m, r, force)
}

// limits is where a synthetic month ends: after so many rows, or so many
// teachers; 0 for no limit. perTeacher, when not 0, ends each teacher's
// month after so many rows.
type limits struct{ rows, teachers, perTeacher int }

// TooManyRowsError is the error of a synthetic month whose log would have
// more rows than a worksheet holds: a school of more than about 42,000
// teachers, each with a whole month.
type TooManyRowsError struct{ Rows int }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("模拟的课时登记需要 %d 行（含表头），超过 Excel 一个工作表最多 %d 行；请减少 --teachers，或用 --per-teacher 限定每位教师的行数", e.Rows+1, render.MaxRows)
}

// write writes a synthetic month within lim, drawn from seed. A school of a
// known number of teachers is drawn twice, to count its rows, which the
// log's dimension comes first with, and to write them.
func write(ctx context.Context, sessionsPath, recordsPath string, lim limits, seed uint64, m rules.Month, r *rules.Rules, force bool) (GenStats, error) {
	days := genServiceDays(m, r.Term)
	rows := lim.rows
	if rows == 0 {
		st, _ := generate(lim, seed, m, days, func(...any) {})
		rows = st.Rows
	}
	if rows+1 > render.MaxRows {
		return GenStats{}, &TooManyRowsError{Rows: rows}
	}
	sheet := fmt.Sprintf("%d月", int(m.Month))
	log, err := render.NewStream(ctx, sheet, rows, "日期", "工号", "教师", "类型", "节数", "班级", "备注")
	if err != nil {
		return GenStats{}, err
	}
	defer log.Close()
	st, recs := generate(lim, seed, m, days, log.Row)
	book, err := render.NewStream(ctx, sheet, len(recs), "日期", "工号", "教师", "事项", "比例", "金额", "说明")
	if err != nil {
		return GenStats{}, err
	}
	defer book.Close()
	for _, rec := range recs {
		var amount any
		if rec.amount > 0 {
			amount = rec.amount
		}
		book.Row(rec.date, rec.id, rec.name, rec.label, rec.percent, amount, rec.note)
	}
	st.Records = len(recs)
	logBook, err := log.Finish()
	if err != nil {
		return GenStats{}, err
	}
	recBook, err := book.Finish()
	if err != nil {
		return GenStats{}, err
	}
	st.Backups, err = render.WriteFiles(ctx, force, logBook.Output(sessionsPath), recBook.Output(recordsPath))
	return st, err
}

// generate draws the month's rows within lim from seed, passing each to
// row, and returns what it drew and the discipline records.
func generate(lim limits, seed uint64, m rules.Month, days []rules.Date, row func(...any)) (GenStats, []genRecord) {
	rnd := rand.New(rand.NewPCG(seed, uint64(m.Year*100+int(m.Month))))
	var st GenStats
	var recs []genRecord
	more := func() bool { return lim.rows == 0 || st.Rows < lim.rows }
	for more() && (lim.teachers == 0 || st.Teachers < lim.teachers) {
		st.Teachers++
		t := st.Teachers
		id := fmt.Sprintf("S%03d-T%03d", t/40+1, t%40+1)
		name := string(genSurnames[rnd.IntN(len(genSurnames))]) + genGiven[rnd.IntN(len(genGiven))]
		admin := rnd.Float64() < 0.08
		var worked []rules.Date
		mine := 0 // this teacher's rows
		moreOfMine := func() bool { return more() && (lim.perTeacher == 0 || mine < lim.perTeacher) }
		for _, d := range days {
			if !moreOfMine() {
				break
			}
			add := func(kind string, count int, class, note string) {
				st.Rows++
				mine++
				row(d, id, name, kind, count, class, note)
			}
			if admin && rnd.Float64() < 0.5 {
				add("行政值班", 1, "", "")
				worked = append(worked, d)
				continue
			}
			if rnd.Float64() < 0.85 {
				class := fmt.Sprintf("%c年级%d班", genGrades[rnd.IntN(len(genGrades))], 1+rnd.IntN(6))
				note := ""
				if rnd.Float64() < 0.02 {
					note = "代课"
				}
				add("上课", []int{1, 1, 2}[rnd.IntN(3)], class, note)
				worked = append(worked, d)
			}
			if moreOfMine() && rnd.Float64() < 0.3 {
				add("安全管理", 1, "", "")
				worked = append(worked, d)
			}
		}
		// One teacher in fifty, the first included, has a record, on a day
		// they worked: records must name a person of the log (SPEC 2.2).
		if len(worked) > 0 && t%50 == 1 {
			recs = append(recs, genEvent(rnd, worked[rnd.IntN(len(worked))], id, name))
		}
	}
	return st, recs
}

// genEvent draws a discipline record of the built-in rules' kinds.
func genEvent(rnd *rand.Rand, d rules.Date, id, name string) genRecord {
	rec := genRecord{date: d, id: id, name: name}
	switch n := rnd.IntN(10); {
	case n < 4:
		rec.label = "早退"
	case n < 6:
		rec.label = "交接违规"
	case n < 7:
		rec.label, rec.percent, rec.note = "家长投诉", fmt.Sprintf("%d%%", 10*(1+rnd.IntN(5))), "已核实"
	case n < 8:
		rec.label, rec.note = "请假", "已安排代课"
	default:
		rec.label, rec.amount, rec.note = "奖励", 50*(1+rnd.IntN(4)), "公开课"
	}
	return rec
}

// genServiceDays are the days of m that cal has service on, or the weekdays
// of m when m lies outside cal's term.
func genServiceDays(m rules.Month, cal rules.Term) []rules.Date {
	var days, weekdays []rules.Date
	for d := m.First(); !d.After(m.Last()); d = d.AddDays(1) {
		if cal.IsServiceDay(d) {
			days = append(days, d)
		}
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			weekdays = append(weekdays, d)
		}
	}
	if len(days) == 0 {
		return weekdays
	}
	return days
}
