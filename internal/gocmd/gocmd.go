// Package gocmd runs the go command for the checks that need it, safely:
// GOTOOLCHAIN=local and GOPROXY=off (no network, no toolchain download), a
// time budget, cancellation, bounded output, and only the go binary the
// caller vetted (never one found inside the workspace). Runner is an
// interface so tests can inject faults; Exec is the real thing.
package gocmd

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Invocation says which go runs, where, and with which environment.
type Invocation struct {
	// Go is the absolute path of the go binary to run.
	Go string
	// Dir is the working directory (a module or workspace root).
	Dir string
	// Env is the environment gopls would see; the runner overrides what
	// safety requires (GOTOOLCHAIN, GOPROXY, GOPACKAGESDRIVER).
	Env map[string]string
}

// Runner runs the go command.
type Runner interface {
	// GoEnv runs `go env -json`.
	GoEnv(ctx context.Context, inv Invocation) (map[string]string, error)
	// Load loads patterns (default ./...) in inv.Dir with go/packages,
	// without type checking, and returns every error it reports.
	Load(ctx context.Context, inv Invocation, patterns ...string) (*LoadResult, error)
	// Run runs a go subcommand the user asked for ("go mod tidy") with the
	// user's own environment (network allowed) and returns its combined
	// output.
	Run(ctx context.Context, inv Invocation, args ...string) ([]byte, error)
}

// LoadResult is what loading found: how many packages, and their errors.
type LoadResult struct {
	Packages int `json:"packages"`
	// Errors are the packages' errors, deduplicated, at most MaxErrors.
	Errors []PackageError `json:"errors"`
	// Truncated counts the errors left out.
	Truncated int `json:"truncated"`
	// Fatal is the go command's own failure when it produced no packages
	// ("go: inconsistent vendoring …"), in its words.
	Fatal string `json:"fatal,omitempty"`
}

// PackageError is one error of one package.
type PackageError struct {
	// Pos is "file:line:col" (file absolute) or "".
	Pos string `json:"pos"`
	Msg string `json:"msg"`
	// Package is the ID of the package that carries it.
	Package string `json:"package"`
}

// MaxErrors bounds the errors one load reports: a workspace with a
// thousand broken imports says enough with the first hundred.
const MaxErrors = 100

// Error is a go command that failed: what was run, and what it said.
type Error struct {
	Op     string // "go env -json"
	Dir    string
	Stderr string // trimmed, bounded
	Err    error
}

func (e *Error) Error() string {
	msg := e.Op + " in " + e.Dir + ": " + e.Err.Error()
	if e.Stderr != "" {
		msg += ": " + e.Stderr
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrTimeout is wrapped by errors of commands cut off by the time budget.
var ErrTimeout = errors.New("time budget exceeded")

// safeEnv is env as a process environment, with what safety requires:
// no toolchain switch, no network, no package driver of the workspace's.
func safeEnv(env map[string]string, extra ...string) []string {
	override := map[string]string{"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOPACKAGESDRIVER": "off"}
	for _, kv := range extra {
		k, v, _ := strings.Cut(kv, "=")
		override[k] = v
	}
	return flatten(env, override)
}

// flatten turns env plus overrides into KEY=VALUE lines, sorted (so a
// test can compare them).
func flatten(env map[string]string, override map[string]string) []string {
	var out []string
	for k, v := range env {
		if _, ok := override[k]; !ok {
			out = append(out, k+"="+v)
		}
	}
	for k, v := range override {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// budgetErr turns a context that ran out of time into ErrTimeout.
func budgetErr(ctx context.Context, budget time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%s)", ErrTimeout, budget)
	}
	return err
}

// SplitPos splits "file:line:col" (or "file:line"); ok is false when pos
// names no line.
func SplitPos(pos string) (file string, line, col int, ok bool) {
	rest := pos
	var nums []int
	for i := 0; i < 2; i++ {
		j := strings.LastIndexByte(rest, ':')
		if j < 0 {
			break
		}
		n, err := strconv.Atoi(rest[j+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		rest = rest[:j]
	}
	switch len(nums) {
	case 2:
		return rest, nums[0], nums[1], true
	case 1:
		return rest, nums[0], 0, true
	}
	return pos, 0, 0, false
}
