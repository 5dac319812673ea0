// Package synth writes made-up workbooks of a district's month, for
// benchmarks and for trying kfpay at scale (kfpay gen).
package synth
