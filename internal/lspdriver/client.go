package lspdriver

// This file is what the client says about itself (initialize) and how it
// answers the server's requests.

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/gomend/gomend/internal/hostfs"
)

// clientName is sent as clientInfo.name.
const clientName = "gomend-bench"

// capabilities are the ones a benchmark needs servers to use: progress,
// configuration pulls, watched files, and full diagnostics.
var capabilities = map[string]any{
	"general": map[string]any{"positionEncodings": []string{"utf-16"}},
	"window":  map[string]any{"workDoneProgress": true},
	"workspace": map[string]any{
		"configuration":         true,
		"workspaceFolders":      true,
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		"workspaceEdit":         map[string]any{"documentChanges": true},
	},
	"textDocument": map[string]any{
		"synchronization": map[string]any{"didSave": true},
		"publishDiagnostics": map[string]any{
			"relatedInformation":     true,
			"versionSupport":         true,
			"codeDescriptionSupport": true,
			"dataSupport":            true,
		},
	},
}

type workspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// workspaceFolders is the folders as LSP wants them: null when there are none.
func workspaceFolders(folders []string) any {
	if len(folders) == 0 {
		return nil
	}
	list := make([]workspaceFolder, len(folders))
	for i, f := range folders {
		list[i] = workspaceFolder{URI: hostfs.PathToURI(f), Name: filepath.Base(f)}
	}
	return list
}

func initializeParams(folders []string, options any) map[string]any {
	var root any
	if len(folders) > 0 {
		root = hostfs.PathToURI(folders[0])
	}
	p := map[string]any{
		"processId":        os.Getpid(),
		"clientInfo":       map[string]string{"name": clientName},
		"rootUri":          root,
		"workspaceFolders": workspaceFolders(folders),
		"capabilities":     capabilities,
	}
	if options != nil {
		p["initializationOptions"] = options
	}
	return p
}

// reply is the client's answer to a server request: a result or an error.
// Everything is declined or left empty, so that servers run on defaults.
func reply(m Message, folders []string) (any, *RPCError) {
	switch m.Method {
	case "window/workDoneProgress/create",
		"client/registerCapability",
		"client/unregisterCapability",
		"window/showMessageRequest":
		return nil, nil
	case "workspace/configuration":
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, &RPCError{Code: codeInvalidParams, Message: "workspace/configuration: " + err.Error()}
		}
		settings := make([]struct{}, len(p.Items)) // {} each: default settings
		return settings, nil
	case "workspace/applyEdit":
		return map[string]bool{"applied": false}, nil
	case "workspace/workspaceFolders":
		return workspaceFolders(folders), nil
	}
	return nil, &RPCError{Code: codeMethodNotFound, Message: "method not found: " + m.Method}
}
