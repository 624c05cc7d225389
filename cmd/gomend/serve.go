package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/server"
)

// debounce is how long the server waits after a change before rechecking.
const debounce = 100 * time.Millisecond

func runServe(c *cli, args []string) int {
	fs := c.flags("serve")
	fs.Bool("stdio", true, "talk LSP over stdin/stdout (the only transport; accepted for editors that pass it)")
	logfile := fs.String("logfile", "", "write logs to `FILE` instead of stderr")
	debug := fs.Bool("debug", false, "log at debug level: every message handled, with its duration")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return c.fail("serve: unexpected argument %q", fs.Arg(0))
	}

	logOut := c.stderr
	if *logfile != "" {
		f, err := os.OpenFile(*logfile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return c.fail("serve: opening the log file: %v", err)
		}
		defer f.Close()
		logOut = f
	}
	level := zapcore.InfoLevel
	if *debug {
		level = zapcore.DebugLevel
	}
	log := newLogger(logOut, level, true)
	defer log.Sync()

	// Only the JSON-RPC stream may reach stdout: anything else that prints
	// to os.Stdout by accident goes to stderr instead.
	out := c.stdout
	if c.stdout == os.Stdout {
		os.Stdout = os.Stderr
		defer func() { os.Stdout = out.(*os.File) }()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	conn := stdio{in: os.Stdin, out: out}
	err := server.Serve(ctx, conn, server.Options{
		Logger:    log,
		Env:       c.env,
		GoVersion: goenv.LocalGoVersion(c.env),
		Host:      hostfs.Probe(c.env, log.Sugar().Warnf),
		Debounce:  debounce,
		Runner:    gocmd.Exec{},
	})
	if err != nil {
		log.Info("server stopped", zap.Error(err))
		return exitProblems
	}
	return exitOK
}

// stdio joins stdin and stdout into the connection the server speaks on.
type stdio struct {
	in  io.ReadCloser
	out io.Writer
}

func (s stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }

// Close closes stdin, which unblocks a pending read; stdout stays open
// until the process exits so a last reply is not cut off.
func (s stdio) Close() error {
	if err := s.in.Close(); err != nil {
		return fmt.Errorf("closing stdin: %w", err)
	}
	return nil
}
