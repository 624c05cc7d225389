# gomend — two commands matter: `make demo` and `make test` (see README.md).
GO      ?= go
BIN     := bin/gomend
GOFILES := $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './e2e/*' -not -path './demo/*' 2>/dev/null)

.PHONY: all build demo test go-test lint bench clean

all: build client

build: $(BIN)

$(BIN): $(GOFILES) go.mod go.sum
	$(GO) build -o $(BIN) ./cmd/gomend

# Build everything, then diagnose the bundled demo workspace and show what
# `gomend fix` would change. `check` exits 1 because the demo has problems.
demo: build client
	@echo "== gomend check demo  (a workspace with several real problems)"
	@./$(BIN) check demo; test $$? -eq 1
	@echo
	@echo "== gomend check demo/current  (the api module opened through a symlink: demo/current -> api)"
	@./$(BIN) check demo/current; test $$? -eq 1
	@echo
	@echo "== gomend fix --dry-run --likely demo  (what the fixes would change; nothing is written)"
	@./$(BIN) fix --dry-run --likely demo; true

# Everything CI runs: vet, Go tests (checks, server wire tests, CLI goldens),
# the client's typecheck and unit tests, and the end-to-end test in a real
# VS Code (code-server + headless Chromium).
test: lint go-test client-test e2e

lint:
	@test -z "$$(gofmt -l $(GOFILES))" || { echo "gofmt needed:"; gofmt -l $(GOFILES); exit 1; }
	$(GO) vet ./...

go-test:
	$(GO) test -race ./...

# Benchmarks (never part of `make test`; CI runs only the harness's smoke
# test on a tiny tree). First the Go benchmarks (recheck ns/op and
# allocs/op), then gomend-bench: generated trees (kept in BENCH_CACHE
# between runs), gomend against find and the real gopls, a Markdown table
# on stdout and JSON in BENCH_CACHE/results.json. BENCH_REPO=path adds a
# checkout of your own (read only); BENCH_PRESETS picks the trees.
BENCH_CACHE    ?= $(HOME)/.cache/gomend-bench
BENCH_PRESETS  ?= medium,large,huge
BENCH_FLAGS    ?=
# gopls v0.24.0 needs Go 1.27: the go command fetches that toolchain as a
# module for the build only. gomend itself builds with the local Go.
GOPLS_VERSION   := v0.24.0
GOPLS_TOOLCHAIN := go1.27.3
GOPLS           := $(BENCH_CACHE)/gopls-$(GOPLS_VERSION)/gopls

bench: build bin/gomend-bench $(GOPLS)
	@mkdir -p $(BENCH_CACHE)
	GOMEND_BENCH_CACHE=$(BENCH_CACHE) $(GO) test -run '^$$' -bench . -benchmem ./internal/modules/ ./diagnostics/ \
		> $(BENCH_CACHE)/gobench.txt || { cat $(BENCH_CACHE)/gobench.txt; exit 1; }
	@cat $(BENCH_CACHE)/gobench.txt
	./bin/gomend-bench run -gomend $(BIN) -gopls $(GOPLS) -cache $(BENCH_CACHE) -gobench $(BENCH_CACHE)/gobench.txt \
		-presets $(BENCH_PRESETS) $(if $(BENCH_REPO),-repo $(BENCH_REPO)) $(BENCH_FLAGS)

bin/gomend-bench: $(GOFILES) go.mod go.sum
	$(GO) build -o $@ ./cmd/gomend-bench

$(GOPLS):
	GOBIN=$(dir $@) GOTOOLCHAIN=$(GOPLS_TOOLCHAIN) $(GO) install golang.org/x/tools/gopls@$(GOPLS_VERSION)

clean:
	rm -rf bin dist

include client.mk
