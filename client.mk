# VS Code client: bundle, typecheck, unit tests, per-platform VSIX, end-to-end test in code-server.
# Included by the top-level Makefile; also usable alone: make -f client.mk <target>.

CLIENT_BIN     := node_modules/.bin
CLIENT_SRC     := $(shell find vscode-client/src -name '*.ts')
CLIENT_TESTS   := $(wildcard vscode-client/test/*.test.ts)
# npm writes node_modules/.package-lock.json on every install: newer than package-lock.json = up to date.
CLIENT_DEPS    := node_modules/.package-lock.json
VSIX_TARGET    ?= linux-x64
VSIX_GOOS      ?= linux
VSIX_GOARCH    ?= amd64
VSIX_EXE       := $(if $(filter windows,$(VSIX_GOOS)),.exe,)
VSIX           := dist/gomend-$(VSIX_TARGET).vsix

.PHONY: client client-test vsix e2e client-clean

$(CLIENT_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dist/extension.js: $(CLIENT_DEPS) $(CLIENT_SRC)
	$(CLIENT_BIN)/esbuild vscode-client/src/extension.ts --bundle --external:vscode \
		--format=cjs --platform=node --target=node20 --outfile=$@ --log-level=warning

client: dist/extension.js
	$(CLIENT_BIN)/tsc -p tsconfig.json --noEmit

# Tests cover the pure modules; bundling them without --external:vscode fails if one imports vscode.
client-test: client
	rm -rf out/test
	$(CLIENT_BIN)/esbuild $(CLIENT_TESTS) --bundle --format=cjs --platform=node --target=node20 \
		--outdir=out/test --log-level=warning
	node --test out/test/*.test.js

# The server binary rides in the VSIX at bin/<platform>-<arch>/gomend, where server.ts looks for it.
vsix: client
	rm -rf $(wildcard bin/*-*)
	GOOS=$(VSIX_GOOS) GOARCH=$(VSIX_GOARCH) CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' \
		-o bin/$(VSIX_TARGET)/gomend$(VSIX_EXE) ./cmd/gomend
	$(CLIENT_BIN)/vsce package --no-dependencies --target $(VSIX_TARGET) -o $(VSIX)

# Installs code-server, Chromium and Playwright on first use (seconds afterwards), then runs the test.
e2e:
	e2e/setup.sh
	e2e/run.sh

client-clean:
	rm -rf dist out $(wildcard bin/*-*)
