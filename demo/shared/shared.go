// Package shared is used by the other demo modules.
package shared

import "fmt"

// Hello prints a greeting.
func Hello() { fmt.Println("hello from shared") }
