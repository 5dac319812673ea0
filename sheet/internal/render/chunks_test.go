package render

import (
	"bytes"
	"testing"
)

// TestChunks: what is written and joined comes out whole and in order,
// across the pieces' edges, and a write after a join leaves the joined
// pieces as they were.
func TestChunks(t *testing.T) {
	var want bytes.Buffer
	var a, b chunks
	part := bytes.Repeat([]byte("0123456789abcdef"), chunkSize/16+3) // a piece and a little
	b.Write(part)
	a.Write([]byte("head"))
	a.join(&b)
	a.Write([]byte("tail"))
	want.WriteString("head")
	want.Write(part)
	want.WriteString("tail")
	var got bytes.Buffer
	if _, err := a.WriteTo(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) || a.Len() != want.Len() {
		t.Errorf("chunks gave %d bytes (Len %d), want the %d written, in order", got.Len(), a.Len(), want.Len())
	}
	var again bytes.Buffer
	b.WriteTo(&again)
	if !bytes.Equal(again.Bytes(), part) {
		t.Error("writing after a join changed the pieces joined")
	}
}
