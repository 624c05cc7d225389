package server

// This file defines the JSON shapes we exchange where go.lsp.dev/protocol
// v0.12.0 is wrong or incomplete (research/style-anchors.md §0):
// TextDocumentContentChangeEvent.Range is not a pointer, so a full-text change
// cannot be told from an insertion at 0:0; CodeActionContext has no
// triggerKind; WorkspaceEdit.DocumentChanges cannot hold a CreateFile;
// PublishDiagnosticsParams.Version is uint32; CancelParams.ID decodes to a
// float64 the library's canceller does not match. Positions are
// textpos.Range/Position, whose JSON is LSP's.

import (
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
)

// initializeParams is the part of InitializeParams we use.
type initializeParams struct {
	ClientInfo            *protocol.ClientInfo       `json:"clientInfo"`
	RootURI               string                     `json:"rootUri"`
	WorkspaceFolders      []protocol.WorkspaceFolder `json:"workspaceFolders"`
	InitializationOptions json.RawMessage            `json:"initializationOptions"`
	Capabilities          clientCapabilities         `json:"capabilities"`
}

// initOptions are gomend's initializationOptions (docs/lsp.md).
type initOptions struct {
	// Trusted is VS Code's workspace trust; absent means trusted, as for
	// editors without the notion (they run gopls, which runs go anyway).
	Trusted *bool    `json:"trusted"`
	Locale  string   `json:"locale"`
	Checks  []string `json:"checks"`
	// WorkspaceFile is the .code-workspace the folders came from, if any.
	WorkspaceFile *string `json:"workspaceFile"`
}

// clientCapabilities is the part of ClientCapabilities we consult.
type clientCapabilities struct {
	Workspace struct {
		WorkspaceEdit struct {
			DocumentChanges    bool     `json:"documentChanges"`
			ResourceOperations []string `json:"resourceOperations"`
		} `json:"workspaceEdit"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		Configuration bool `json:"configuration"`
	} `json:"workspace"`
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
	TextDocument struct {
		PublishDiagnostics struct {
			VersionSupport         bool `json:"versionSupport"`
			CodeDescriptionSupport bool `json:"codeDescriptionSupport"`
		} `json:"publishDiagnostics"`
	} `json:"textDocument"`
}

type initializeResult struct {
	Capabilities serverCapabilities  `json:"capabilities"`
	ServerInfo   protocol.ServerInfo `json:"serverInfo"`
}

type serverCapabilities struct {
	TextDocumentSync       textDocumentSyncOptions        `json:"textDocumentSync"`
	CodeActionProvider     codeActionOptions              `json:"codeActionProvider"`
	ExecuteCommandProvider protocol.ExecuteCommandOptions `json:"executeCommandProvider"`
	Workspace              workspaceCapabilities          `json:"workspace"`
}

type textDocumentSyncOptions struct {
	OpenClose bool                          `json:"openClose"`
	Change    protocol.TextDocumentSyncKind `json:"change"`
	Save      protocol.SaveOptions          `json:"save"`
}

type codeActionOptions struct {
	CodeActionKinds []protocol.CodeActionKind `json:"codeActionKinds"`
}

type workspaceCapabilities struct {
	WorkspaceFolders protocol.ServerCapabilitiesWorkspaceFolders `json:"workspaceFolders"`
}

type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChange                          `json:"contentChanges"`
}

// contentChange is a full-text change when Range is nil.
type contentChange struct {
	Range *textpos.Range `json:"range"`
	Text  string         `json:"text"`
}

type publishDiagnosticsParams struct {
	URI string `json:"uri"`
	// Version is the document version the diagnostics were computed for,
	// sent only for open documents.
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	Range              textpos.Range        `json:"range"`
	Severity           int                  `json:"severity"`
	Code               string               `json:"code"`
	CodeDescription    *codeDescription     `json:"codeDescription,omitempty"`
	Source             string               `json:"source"`
	Message            string               `json:"message"`
	RelatedInformation []relatedInformation `json:"relatedInformation,omitempty"`
	Data               *diagnosticData      `json:"data,omitempty"`
}

type codeDescription struct {
	Href string `json:"href"`
}

type relatedInformation struct {
	Location location `json:"location"`
	Message  string   `json:"message"`
}

type location struct {
	URI   string        `json:"uri"`
	Range textpos.Range `json:"range"`
}

// diagnosticData travels with a diagnostic to the client and back in
// codeAction, so the fixes can be rebuilt from the current snapshot: the
// finding is found again by check, file and range (the range as published,
// whatever the editor did to it since), and Fixes fingerprints the fix set
// to choose between findings that would otherwise tie.
type diagnosticData struct {
	Check string        `json:"check"`
	File  string        `json:"file"`
	Range textpos.Range `json:"range"`
	Fixes string        `json:"fixes"`
}

// clientDiagnostic is a diagnostic as a client sends it back: code may be
// a number (other servers' diagnostics), data anything.
type clientDiagnostic struct {
	Range  textpos.Range   `json:"range"`
	Code   json.RawMessage `json:"code"`
	Source string          `json:"source"`
	Data   json.RawMessage `json:"data"`
}

type codeActionParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Range        textpos.Range                   `json:"range"`
	Context      struct {
		// Diagnostics are kept raw so a CodeAction can echo them exactly.
		Diagnostics []json.RawMessage         `json:"diagnostics"`
		Only        []protocol.CodeActionKind `json:"only"`
		TriggerKind int                       `json:"triggerKind"`
	} `json:"context"`
}

// triggerAutomatic is CodeActionTriggerKind.Automatic (LSP 3.17).
const triggerAutomatic = 2

type codeAction struct {
	Title       string                  `json:"title"`
	Kind        protocol.CodeActionKind `json:"kind"`
	Diagnostics []json.RawMessage       `json:"diagnostics,omitempty"`
	IsPreferred bool                    `json:"isPreferred,omitempty"`
	Edit        *workspaceEdit          `json:"edit,omitempty"`
	Command     *protocol.Command       `json:"command,omitempty"`
}

// workspaceEdit holds either Changes or DocumentChanges, whose elements are
// textDocumentEdit or createFile.
type workspaceEdit struct {
	Changes         map[string][]fix.TextEdit `json:"changes,omitempty"`
	DocumentChanges []any                     `json:"documentChanges,omitempty"`
}

type textDocumentEdit struct {
	TextDocument optionalVersionedDocument `json:"textDocument"`
	Edits        []fix.TextEdit            `json:"edits"`
}

// optionalVersionedDocument's Version is null for a file not open in the editor.
type optionalVersionedDocument struct {
	URI     string `json:"uri"`
	Version *int32 `json:"version"`
}

type createFile struct {
	Kind    string            `json:"kind"` // "create"
	URI     string            `json:"uri"`
	Options createFileOptions `json:"options"`
}

type createFileOptions struct {
	IgnoreIfExists bool `json:"ignoreIfExists"`
}

type applyWorkspaceEditParams struct {
	Label string        `json:"label,omitempty"`
	Edit  workspaceEdit `json:"edit"`
}

type executeCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

type cancelParams struct {
	ID json.RawMessage `json:"id"`
}
