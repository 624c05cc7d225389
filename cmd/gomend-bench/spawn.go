package main

// Peak RSS from the OS needs a small parent. On Linux a process's
// ru_maxrss survives exec: the memory of the process that forked it counts
// (Go forks with CLONE_VM, so the child shares the harness's memory until
// it execs). A process started by this harness, which holds a plan of a
// 300k-file tree, would be charged the harness's size. So every measured
// process is started by a fresh copy of this binary, the spawner, which
// execs with nothing in memory, waits, and reports its child's wall time
// and rusage in a file.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gomend/gomend/internal/lspdriver"
)

// spawnEnv, set to a file path, makes this binary the spawner: it runs its
// arguments as a command with the same stdin, stdout and stderr, then
// writes a spawnReport to that file and exits with the command's status.
const spawnEnv = "GOMEND_BENCH_SPAWN_REPORT"

type spawnReport struct {
	WallNs   int64 `json:"wallNs"`
	MaxRSS   int64 `json:"maxRSS"`
	ExitCode int   `json:"exitCode"`
}

// runSpawner is main for the spawner.
func runSpawner(report string, argv []string) int {
	if len(argv) == 0 {
		fmt.Fprintln(os.Stderr, "gomend-bench spawner: no command")
		return 2
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = withoutSpawnEnv(os.Environ())
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "gomend-bench spawner: %v\n", err)
		return 2
	}
	r := spawnReport{WallNs: wall.Nanoseconds(), MaxRSS: lspdriver.MaxRSS(cmd.ProcessState), ExitCode: cmd.ProcessState.ExitCode()}
	data, _ := json.Marshal(r)
	if err := os.WriteFile(report, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gomend-bench spawner: %v\n", err)
		return 2
	}
	return max(r.ExitCode, 0)
}

// spawner prepares a measured command: the argv and environment that run it
// through the spawner, and a function that reads its report once it ended.
type spawner struct {
	self   string // this binary
	tmpDir string // where the reports go
	n      int
}

func newSpawner(tmpDir string) (*spawner, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the harness binary to spawn through: %w", err)
	}
	return &spawner{self: self, tmpDir: tmpDir}, nil
}

// wrap returns the spawner's argv and environment for argv with env (nil:
// this process's), and where its report will be.
func (s *spawner) wrap(argv, env []string) ([]string, []string, string) {
	s.n++
	report := filepath.Join(s.tmpDir, fmt.Sprintf("spawn-%d.json", s.n))
	os.Remove(report)
	if env == nil {
		env = os.Environ()
	}
	env = append(withoutSpawnEnv(env), spawnEnv+"="+report)
	return append([]string{s.self}, argv...), env, report
}

func readSpawnReport(path string) (spawnReport, error) {
	var r spawnReport
	data, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("the spawner left no report: %w", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("the spawner's report %s: %w", path, err)
	}
	if r.MaxRSS <= 0 && r.WallNs <= 0 {
		return r, errors.New("the spawner's report is empty")
	}
	return r, nil
}

func withoutSpawnEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if len(kv) <= len(spawnEnv) || kv[:len(spawnEnv)+1] != spawnEnv+"=" {
			out = append(out, kv)
		}
	}
	return out
}
