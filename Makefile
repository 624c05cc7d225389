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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./diagnostics/

clean:
	rm -rf bin dist

include client.mk
