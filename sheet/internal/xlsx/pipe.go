package xlsx

import "sync"

// A long sheet is parsed on a goroutine of its own, a batch of rows ahead
// of the reader that takes its rows: on two cores the XML scan, the inflate
// beside it (prefetcher) and what the caller does with each row (for the
// payroll, its conversion and tally) then share both cores, where the scan
// and the caller took turns on one (issue 20).

// pipeBatch is how many rows the parsing goroutine hands over at a time;
// pipeBatches how many batches may wait.
const (
	pipeBatch   = 512
	pipeBatches = 4
)

// rowBatch is a batch of parsed rows: row i's cells are cells[ends[i-1]:ends[i]].
// The last batch of a sheet carries how it ended.
type rowBatch struct {
	rows    []pipedRow
	cells   []Cell
	lastRow int
	end     bool
	err     error   // as Err reports it
	merges  []Range // the sheet's merges, with the last batch
}

type pipedRow struct {
	num, end int
	hidden   bool
}

// pipe is the parsing goroutine of a pipelined Rows and where its reader is
// in the batch being read.
type pipe struct {
	full chan *rowBatch
	free chan *rowBatch
	done chan struct{}
	wg   sync.WaitGroup
	cur  *rowBatch
	at   int // the next row of cur
}

// pipelined returns it read through a goroutine that parses its rows, a
// few batches ahead.
func pipelined(it *Rows) *Rows {
	p := &pipe{
		full: make(chan *rowBatch, pipeBatches),
		free: make(chan *rowBatch, pipeBatches),
		done: make(chan struct{}),
	}
	for range pipeBatches {
		p.free <- &rowBatch{rows: make([]pipedRow, 0, pipeBatch), cells: make([]Cell, 0, pipeBatch*8)}
	}
	p.wg.Add(1)
	go p.run(it)
	return &Rows{wb: it.wb, sheet: it.sheet, src: it, pipe: p}
}

// run parses the rows of src into batches until the sheet ends or Close.
func (p *pipe) run(src *Rows) {
	defer p.wg.Done()
	for {
		var b *rowBatch
		select {
		case b = <-p.free:
		case <-p.done:
			return
		}
		b.rows, b.cells = b.rows[:0], b.cells[:0]
		for len(b.rows) < pipeBatch {
			if !src.Next() {
				b.end, b.err, b.merges = true, src.err, src.merges
				break
			}
			b.cells = append(b.cells, src.cells...)
			b.rows = append(b.rows, pipedRow{num: src.row, end: len(b.cells), hidden: src.hidden})
		}
		b.lastRow = src.lastRow
		select {
		case p.full <- b:
		case <-p.done:
			return
		}
		if b.end {
			return
		}
	}
}

// pipeNext moves it to the next piped row.
func (it *Rows) pipeNext() bool {
	p := it.pipe
	for p.cur == nil || p.at >= len(p.cur.rows) {
		if p.cur != nil {
			if p.cur.end {
				it.err, it.merges, it.state = p.cur.err, p.cur.merges, stateDone
				return false
			}
			p.free <- p.cur
		}
		p.cur, p.at = <-p.full, 0
		it.lastRow = p.cur.lastRow
	}
	r := p.cur.rows[p.at]
	start := 0
	if p.at > 0 {
		start = p.cur.rows[p.at-1].end
	}
	it.row, it.hidden, it.cells = r.num, r.hidden, p.cur.cells[start:r.end:r.end]
	p.at++
	return true
}

// stop ends the parsing goroutine and waits for it.
func (p *pipe) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	close(p.done)
	p.wg.Wait()
}
