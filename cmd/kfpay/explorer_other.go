//go:build !windows

package main

// startedByExplorer is false outside Windows: there is no Explorer to
// double-click kfpay in, and a file manager's launch has no console to
// tell it apart by.
func startedByExplorer() bool { return false }
