// Package goplstrace reads the traces and logs users give us about gopls:
// gopls's own -rpc.trace output (a -logfile or its stderr), the VS Code
// output channels of vscode-languageclient ≤ 9 and ≥ 10, and raw gopls
// stderr, mixed in one file if need be.
//
// Scanner streams a file record by record in constant memory, whatever its
// size and however it was cut or interleaved; the Parse functions decode the
// structured parts (gopls's log messages, "Created View" blocks, initialize
// params and results); Summarize keeps, bounded, what a diagnosis needs.
// Summarize reads gopls's own records without going line by line
// (fast.go), and a file in parts, one per core (parallel.go): a gigabyte
// of trace takes well under a second.
// The formats are described, with real samples, in
// shared/research/gopls-anchors.md §4 and the corpus README.
package goplstrace

// Format names a trace format, as a person would recognise it.
type Format string

const (
	FormatRPCTrace     Format = "gopls -rpc.trace"
	FormatVSCodeLegacy Format = "VS Code output channel (languageclient ≤ 9)"
	FormatVSCodeLog    Format = "VS Code log output channel (languageclient ≥ 10)"
	FormatStderr       Format = "gopls stderr"
	FormatUnknown      Format = "unknown"
)

// Kind is what a Record is.
type Kind int

const (
	KindRequest      Kind = iota + 1 // a request (either direction)
	KindNotification                 // a notification (either direction)
	KindResponse                     // includes error responses (Err set)
	KindLog                          // a client channel line: [Info - …] / 2026-… [info] (Text, Level)
	KindText                         // any other line (stderr text): one record per line
)

func (k Kind) String() string {
	switch k {
	case KindRequest:
		return "request"
	case KindNotification:
		return "notification"
	case KindResponse:
		return "response"
	case KindLog:
		return "log"
	case KindText:
		return "text"
	}
	return "invalid"
}

// MaxBody bounds every byte slice and string a Record carries, so that one
// enormous line cannot make the scanner's memory grow with the file.
const MaxBody = 1 << 20

// Record is one message or log entry.
type Record struct {
	Line, EndLine int // 1-based, in the file
	Kind          Kind
	// Received is the direction from the CLIENT's viewpoint, as every trace
	// writes it: true for gopls→client messages and gopls's answers.
	Received bool
	Method   string
	ID       string
	// LatencyMs is a response's "in Nms"; -1 when unknown.
	LatencyMs int
	// Time is the record's time as written (no common layout exists:
	// gopls writes "16:21:29.828 PM", VS Code a locale's time or a date).
	Time string
	// Body is the Params/Result JSON as written (possibly multi-line), nil
	// when there is none; at most MaxBody bytes, BodyTruncated when cut.
	Body          []byte
	BodyTruncated bool
	// Err is an error response's message ("no views").
	Err string
	// Level is a KindLog record's level, lower-case: "trace", "debug",
	// "info", "warning" (VS Code ≤ 9 writes "Warn") or "error".
	Level string
	// Text is a KindLog or KindText record's message, continuation lines
	// joined with "\n"; at most MaxBody bytes.
	Text string
}
