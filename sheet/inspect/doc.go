// Package inspect shows workbooks as text: Dump renders every sheet as
// stable lines (kfpay dump, golden files, a git textconv driver) and
// DiffBooks compares two workbooks row by row, keyed by the columns that
// name a row (kfpay diff).
//
// Both read through internal/xlsx, the decoder every input reader uses,
// with its limits and its Chinese messages, so that a dump shows what the
// readers see. The package is in four parts:
//
//	book.go     reading: a sheet's rows as cells rendered for a dump
//	dump.go     Dump
//	diff.go     DiffBooks and what it reports, reading a sheet of each
//	            workbook at a time
//	compare.go  comparing two sheets' rows: tables, columns, cells
//	keys.go     which rows are the same row: key headers and keys
package inspect
