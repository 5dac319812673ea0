// Package xlsx is kfpay's streaming XLSX decoder: it opens a workbook with
// archive/zip, reads its sheet list, date system, number formats and shared
// strings, and streams the rows of a sheet with a hand-written XML scanner,
// every value as the exact text stored. It checks what a reader must not
// pass over in silence (a sheet cut short, a failed checksum, a shared
// string that does not exist) and says so in a *FileError, whose Err is one
// of the Err kinds below, in Chinese the bursar can act on.
//
// It imports the standard library only: nothing of kfpay, no excelize. The
// schemas that give cells a meaning are package sheet's.
package xlsx
