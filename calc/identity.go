package calc

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kfpay/rules"
)

// Problem codes of identity: who a row is about (SPEC 2.1, identity).
const (
	CodeIDSpellings    Code = "id-spellings"     // one 工号 written two ways (T01, t01, Ｔ01; 1, 001)
	CodeIDTwoNames     Code = "id-name-mismatch" // one 工号 under two names
	CodeNameTwoIDs     Code = "name-two-ids"     // one name under two 工号: a warning
	CodeStaffUnknownID Code = "staff-unknown-id" // a 工号 that is not on the staff list
	CodeStaffName      Code = "staff-name"       // a 工号 whose name differs from the staff list's
	CodeStaffNoName    Code = "staff-no-name"    // a name (in a file without 工号) not on the staff list
	CodeStaffAmbiguous Code = "staff-ambiguous"  // a name (in a file without 工号) that two people of the staff list share
	CodeStaffDuplicate Code = "staff-duplicate"  // one 工号 twice on the staff list
)

// IDKey folds a 工号 to the key that identifies a person: 工号 that differ
// only in letter case, full or half width, or the leading zeros of a number
// (T01, t01, Ｔ01, T1; 1, 001) are one key written two ways (SPEC 2.1,
// identity). The number may stand inside letters: T1 and T01 are one key
// too. A school that numbered two people T1 and T01 would be told so, as
// an error naming both spellings, and can rename one; a bursar who typed
// T1 for T01 would otherwise see her teacher paid twice, with only a
// same-name warning to stop it.
func IDKey(id string) string {
	if plainID(id) {
		return id
	}
	return string(appendIDKey(nil, id))
}

// appendIDKey appends IDKey(id) to b. An ASCII 工号, nearly every one, is
// folded in b itself: its NFKC form is itself, and its upper case only
// that of a to z (the tally looks up a million rows' people by it).
func appendIDKey(b []byte, id string) []byte {
	for i := 0; i < len(id); i++ {
		if id[i] >= 0x80 {
			id = strings.ToUpper(norm.NFKC.String(id))
			break
		}
	}
	for i := 0; i < len(id); i++ {
		// A zero that begins a run of digits and is followed by a digit
		// is a leading zero of that number: 007 is 7, 0 stays 0.
		if id[i] == '0' && (i == 0 || !isDigit(id[i-1])) {
			j := i
			for j+1 < len(id) && id[j] == '0' && isDigit(id[j+1]) {
				j++
			}
			i = j
		}
		c := id[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// plainID reports whether IDKey leaves id as it is: printable ASCII without
// lower-case letters, and no number in it with a leading zero. Nearly every
// 工号 is plain; a session log has a million of them.
func plainID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c >= 0x7f || ('a' <= c && c <= 'z') {
			return false
		}
		if c == '0' && (i == 0 || !isDigit(id[i-1])) && i+1 < len(id) && isDigit(id[i+1]) {
			return false
		}
	}
	return true
}

// spelling is one way a 工号 key was written in the session log, with the
// first cells that wrote it so and how many rows did.
type spelling struct {
	id    string
	cells []Ref // the first few 工号 cells, at most maxSpellingCells
	rows  int
}

// maxSpellingCells is how many cells of each spelling a message names.
const maxSpellingCells = 3

// noteSpelling notes the way e wrote c's 工号, once a second way has been
// seen: the first way is then taken with the cell that first wrote it, and
// its rows are counted at the end (rows of the person less the others).
func (c *counted) noteSpelling(e Entry) {
	if c.spellings == nil {
		c.spellings = []spelling{{id: c.ID, cells: []Ref{c.idFirst()}}}
	}
	if e.Person.ID == c.ID {
		return
	}
	at := e.At(e.cols().ID)
	for i := range c.spellings {
		s := &c.spellings[i]
		if s.id == e.Person.ID {
			s.rows++
			if len(s.cells) < maxSpellingCells {
				s.cells = append(s.cells, at)
			}
			return
		}
	}
	c.spellings = append(c.spellings, spelling{id: e.Person.ID, cells: []Ref{at}, rows: 1})
}

// text lists a spelling and its cells: `"t01" 在 B3、B4、B5 等 12 处`.
func (s spelling) text() string {
	cells := make([]string, len(s.cells))
	for i, r := range s.cells {
		cells[i] = r.Cell()
	}
	out := fmt.Sprintf("%s 在 %s", rules.Quote(s.id), strings.Join(cells, "、"))
	if s.rows > len(s.cells) {
		out += fmt.Sprintf(" 等 %d 处", s.rows)
	}
	return out
}

// identityProblems adds to out the problems of who the log's rows are about, found
// once every row is in: a 工号 written two ways, a name under two 工号 and,
// with a staff list, every 工号 and name checked against it.
func (t *Tally) identityProblems(out *Capper) {
	for _, c := range t.people {
		if len(c.spellings) > 1 {
			out.Add(spellingsProblem(c))
		}
	}
	if t.staff != nil {
		for _, p := range t.staffProblems() {
			out.Add(p)
		}
	}
	t.sharedNames(out)
}

// spellingsProblem reports the spellings of c's 工号 at the first cell of
// the second one, naming every spelling's cells.
func spellingsProblem(c *counted) Problem {
	others := 0
	for _, s := range c.spellings[1:] {
		others += s.rows
	}
	c.spellings[0].rows = c.entries - others
	parts := make([]string, len(c.spellings))
	for i, s := range c.spellings {
		parts[i] = s.text()
	}
	second := c.spellings[1]
	return Problem{Code: CodeIDSpellings, Ref: second.cells[0], Column: "工号", Value: second.id,
		Msg: fmt.Sprintf("同一个工号有 %d 种写法（只差大小写、全角半角或数字前面的 0）：%s；请统一写成一种后再运行，否则无法确定是一个人还是两个人",
			len(c.spellings), strings.Join(parts, "，"))}
}

// sharedNames warns of a name that two people of the log share under
// different 工号 (SPEC 2.1, identity): a slip of one person's 工号 pays
// one teacher as two. A staff list that has both under that name says they
// are two people, and silences it.
//
// A warning past out's cap is only counted: its message is not made (the
// 250,000 teachers of a generated month share names by the thousand, and
// their messages were 200 MB allocated, issue 20).
func (t *Tally) sharedNames(out *Capper) {
	// The first person of each name, by index in t.people, and the people
	// of a name shared: a slice for each of a month's names was 220 MB
	// allocated for 250,000 teachers (issue 20).
	// Sized for a school's names, not for every person: the 250,000
	// teachers of a generated month have 450 names.
	firstOf := make(map[string]int, min(len(t.people), 4096))
	shared := map[string][]*counted{}
	var order []int // the first person of each shared name, by index
	for i, c := range t.people {
		if c.ID == "" {
			continue
		}
		f, seen := firstOf[c.Name]
		if !seen {
			firstOf[c.Name] = i
			continue
		}
		if shared[c.Name] == nil {
			shared[c.Name] = []*counted{t.people[f]}
			order = append(order, f)
		}
		shared[c.Name] = append(shared[c.Name], c)
	}
	// In the order the names are first seen: going over the shared names
	// only, not looking up every person's name again.
	slices.Sort(order)
	for _, f := range order {
		cs := shared[t.people[f].Name]
		if t.staff.listsAll(cs) {
			continue
		}
		first := cs[0]
		for k, c := range cs[1:] {
			if !out.KeepsWarning() {
				if out.omitted > 0 {
					// Past the cap with the omitted warning made: the
					// rest of the name only counted, as Add would.
					out.list[out.omitted-1].Omitted += len(cs) - 1 - k
					break
				}
				out.Add(Problem{Code: CodeNameTwoIDs, Ref: c.first(), Column: "教师", Value: c.Name, Warning: true})
				continue
			}
			msg := fmt.Sprintf("与工号 %s（%s）同名而工号不同（两个工号同名），将按两个人分别计发；如是同一人请统一工号", rules.Clip(first.ID), first.first().Cell())
			if t.staff == nil {
				msg += "；如确是两个人，可用 --staff 给出教师名单，名单上有这两人时不再提示"
			}
			out.Add(Problem{Code: CodeNameTwoIDs, Ref: c.first(), Column: "教师", Value: c.Name, Warning: true, Msg: msg})
		}
	}
}

// Staff is the staff list (教师名单, `--staff`): every person who may be
// paid, by 工号 and name. When a month is paid with one, every 工号 of the
// session log and the records must be on it under the same name (SPEC 2.1,
// identity).
type Staff struct {
	File    string // base name, for messages
	Members []StaffMember

	byKey  map[string]int   // IDKey → index in Members
	byName map[string][]int // name → indexes in Members
}

// StaffMember is one row of the staff list. The bank columns are read and
// kept for the payout files that will pay through the bank; nothing is
// computed from them yet.
type StaffMember struct {
	Person
	Dept, Note  string // 部门, 备注
	AccountName string // 户名
	Account     string // 账号
	Bank        string // 开户行
	IDSrc       Ref    // the 工号 cell
	NameSrc     Ref    // the 教师 cell
	// AccountSrc and AccountNameSrc are the 账号 and 户名 cells; Col 0
	// when the list has no such column.
	AccountSrc, AccountNameSrc Ref
	// AccountNumber is the raw value of a 账号 cell stored as a number,
	// whose digits past the 15th (or leading zeros) are lost: "" for text.
	AccountNumber string
}

// NewStaff indexes a staff list read from file and checks it: a 工号 may
// appear once, written one way. Two people with one name are allowed: that
// is what the list is for.
func NewStaff(file string, members []StaffMember) (*Staff, Problems) {
	s := &Staff{File: file, Members: members, byKey: map[string]int{}, byName: map[string][]int{}}
	var problems Problems
	for i, m := range members {
		k := m.Key()
		if j, dup := s.byKey[k]; dup {
			first := members[j]
			if first.ID != m.ID {
				problems = append(problems, Problem{Code: CodeIDSpellings, Ref: m.IDSrc, Column: "工号", Value: m.ID,
					Msg: fmt.Sprintf("与 %s 的 %s 是同一个工号的不同写法（只差大小写、全角半角或数字前面的 0）；名单上每个工号只能有一行", first.IDSrc.Cell(), rules.Quote(first.ID))})
			} else {
				problems = append(problems, Problem{Code: CodeStaffDuplicate, Ref: m.IDSrc, Column: "工号", Value: m.ID,
					Msg: fmt.Sprintf("工号已在 %s 出现（%s）；名单上每个工号只能有一行", first.IDSrc.Cell(), rules.Clip(first.Name))})
			}
			continue
		}
		s.byKey[k] = i
		s.byName[m.Name] = append(s.byName[m.Name], i)
	}
	return s, problems
}

// Lookup returns the member whose 工号 has the key of id.
func (s *Staff) Lookup(id string) (StaffMember, bool) {
	if s == nil {
		return StaffMember{}, false
	}
	i, ok := s.byKey["#"+IDKey(id)]
	if !ok {
		return StaffMember{}, false
	}
	return s.Members[i], true
}

// named returns the members called name.
func (s *Staff) named(name string) []StaffMember {
	var out []StaffMember
	for _, i := range s.byName[name] {
		out = append(out, s.Members[i])
	}
	return out
}

// listsAll reports whether s has every person of cs under the same name.
func (s *Staff) listsAll(cs []*counted) bool {
	if s == nil {
		return false
	}
	for _, c := range cs {
		if m, ok := s.Lookup(c.ID); !ok || m.Name != c.Name {
			return false
		}
	}
	return true
}

// where names a member's cell for a message: 教师名单!B3.
func (s *Staff) where(r Ref) string {
	if r.Sheet == "" {
		return s.File
	}
	return r.Sheet + "!" + r.Cell()
}

// checkID checks one 工号 and name of an input against the staff list,
// returning the problem at idAt or nameAt.
func (s *Staff) checkID(id, name string, idAt, nameAt Ref) (Problem, bool) {
	m, ok := s.Lookup(id)
	switch {
	case !ok:
		return Problem{Code: CodeStaffUnknownID, Ref: idAt, Column: "工号", Value: id,
			Msg: fmt.Sprintf("教师名单 %s 中没有这个工号；请核对工号，或先把这位教师加进教师名单", s.File)}, false
	case m.ID != id:
		return Problem{Code: CodeIDSpellings, Ref: idAt, Column: "工号", Value: id,
			Msg: fmt.Sprintf("教师名单中写作 %s（%s）；同一工号请写成同一种写法", rules.Quote(m.ID), s.where(m.IDSrc))}, false
	case m.Name != name:
		return Problem{Code: CodeStaffName, Ref: nameAt, Column: "教师", Value: name,
			Msg: fmt.Sprintf("工号 %s 在教师名单中是 %s（%s）；请核对是工号还是姓名写错了", rules.Clip(id), rules.Clip(m.Name), s.where(m.NameSrc))}, false
	}
	return Problem{}, true
}

// checkName checks a name of an input without 工号 against the staff list.
func (s *Staff) checkName(name string, at Ref) (Problem, bool) {
	ms := s.named(name)
	switch len(ms) {
	case 0:
		return Problem{Code: CodeStaffNoName, Ref: at, Column: "教师", Value: name,
			Msg: fmt.Sprintf("教师名单 %s 中没有这位教师；请核对姓名，或先把这位教师加进教师名单", s.File)}, false
	case 1:
		return Problem{}, true
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = rules.Clip(m.ID)
	}
	return Problem{Code: CodeStaffAmbiguous, Ref: at, Column: "教师", Value: name,
		Msg: fmt.Sprintf("教师名单中有 %d 位 %s（工号 %s），这里没有工号，分不清是哪一位；请加上工号列", len(ms), rules.Clip(name), strings.Join(ids, "、"))}, false
}

// staffProblems checks every person of the log against the staff list.
func (t *Tally) staffProblems() Problems {
	var out Problems
	for _, c := range t.people {
		if c.ID != "" {
			if p, ok := t.staff.checkID(c.ID, c.Name, c.idFirst(), c.first()); !ok {
				out = append(out, p)
			}
			continue
		}
		if p, ok := t.staff.checkName(c.Name, c.first()); !ok {
			out = append(out, p)
		}
	}
	return out
}

// Idle returns the members of the staff list with no sessions this month,
// in the person order of SPEC 5, for 计算说明 (本月无课时).
func (t *Tally) Idle() []StaffMember {
	if t.staff == nil {
		return nil
	}
	// A log without 工号 names its people; one with 工号 keys them.
	names := map[string]bool{}
	for _, c := range t.people {
		if c.ID == "" {
			names[c.Name] = true
		}
	}
	var out []StaffMember
	for _, m := range t.staff.Members {
		if t.byKey[m.Key()] == nil && !names[m.Name] {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return personLess(out[i].Person, out[j].Person) })
	return out
}
