//go:build windows

package main

import (
	"github.com/inconshreveable/mousetrap"
	"github.com/spf13/cobra"
)

func init() {
	// kfpay decides itself what a double-click does (launch): cobra's own
	// check would print its English text and exit before any command runs.
	cobra.MousetrapHelpText = ""
}

// startedByExplorer reports whether kfpay.exe was double-clicked in
// Explorer (its parent is explorer.exe), not started from a terminal.
func startedByExplorer() bool { return mousetrap.StartedByExplorer() }
