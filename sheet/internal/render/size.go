package render

// Size is how many rows the grid has and how many texts its cells hold:
// what Grow needs to make room, at once, for grids that are to be appended
// (Append), which otherwise grew the rows of a sheet of 2,000 slips a
// class at a time (issue 20: 450 MB allocated and copied for a district's
// 100,000 slips).
func (g *Grid) Size() (rows, texts int) { return len(g.rows), len(g.strs) }
