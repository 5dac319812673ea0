// Package inspect shows workbooks as text: Dump renders every sheet as
// stable lines (kfpay dump, golden files, a git textconv driver) and
// DiffBooks compares two workbooks row by row, keyed by the columns that
// name a row (kfpay diff).
package inspect
