package sheet

import (
	"context"

	"kfpay/sheet/internal/render"
)

// ExistsError reports an output file that exists and that the user did not
// allow to be overwritten (SPEC 5). errors.Is(err, fs.ErrExist) holds for it.
type ExistsError = render.ExistsError

// File is an output file: where, and a function that writes its content.
type File = render.File

// Bytes is the output file at path that holds data, for the files that are
// not workbooks (the rules file of kfpay init).
func Bytes(path string, data []byte) File { return render.Bytes(path, data) }

// WriteFiles writes the files the way kfpay writes every output, all or
// none: each through a temporary file beside it, none renamed into place
// before all are complete, none once ctx is done; on any error no temporary
// file is left and every path is as it was. An existing path is an
// *ExistsError unless force is set; with force the previous file is kept as
// path.N.bak, the next number (see render.WriteFiles).
func WriteFiles(ctx context.Context, force bool, files ...File) error {
	_, err := render.WriteFiles(ctx, force, files...)
	return err
}
