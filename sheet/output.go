package sheet

import "kfpay/sheet/internal/render"

// ExistsError reports an output file that exists and that the user did not
// allow to be overwritten (SPEC 5). errors.Is(err, fs.ErrExist) holds for it.
type ExistsError = render.ExistsError

// WriteFile writes data to path the way kfpay writes every output, for the
// files that are not workbooks (the rules file of kfpay init): through a
// temporary file beside path, renamed once complete, removed on any error.
// An existing path is an *ExistsError unless force is set; with force the
// previous file is kept as path.bak.
func WriteFile(path string, data []byte, force bool) error {
	return render.WriteFile(path, data, force)
}
