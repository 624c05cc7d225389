package lspdriver

import (
	"bytes"
	"encoding/json"
	"time"
)

// ProgressSpan is one work-done progress, from its begin to its end.
// gopls's initial load is the span titled "Setting up workspace".
type ProgressSpan struct {
	Token   string    // numbers and strings alike, as their JSON text without quotes
	Title   string    // from begin
	Message string    // the last message seen, if any
	Created time.Time // when window/workDoneProgress/create asked for it (zero if never)
	Begin   time.Time
	End     time.Time // zero until Done
	Reports int       // how many "report"s came between begin and end
	Done    bool
}

type progressParams struct {
	Token json.RawMessage `json:"token"`
	Value struct {
		Kind    string  `json:"kind"`
		Title   string  `json:"title"`
		Message *string `json:"message"`
	} `json:"value"`
}

// Progress gathers the work-done progress spans in msgs, in the order they
// began. A token reused after its end starts a new span; reports or ends
// of a token that never began are ignored, and so are other $/progress
// kinds (such as partial results).
func Progress(msgs []Message) []ProgressSpan {
	var spans []ProgressSpan
	open := map[string]int{}          // token -> index in spans of its running span
	created := map[string]time.Time{} // token -> create request not yet begun
	for _, m := range msgs {
		switch {
		case m.IsRequest() && m.Method == "window/workDoneProgress/create":
			var p progressParams
			if json.Unmarshal(m.Params, &p) == nil {
				if tok, ok := tokenString(p.Token); ok {
					created[tok] = m.At
				}
			}
		case m.IsNotification() && m.Method == "$/progress":
			var p progressParams
			if json.Unmarshal(m.Params, &p) != nil {
				continue
			}
			tok, ok := tokenString(p.Token)
			if !ok {
				continue
			}
			i, running := open[tok]
			switch p.Value.Kind {
			case "begin":
				if running { // a second begin: close the first as best we can
					delete(open, tok)
				}
				spans = append(spans, ProgressSpan{Token: tok, Title: p.Value.Title, Created: created[tok], Begin: m.At})
				delete(created, tok)
				i, running = len(spans)-1, true
				open[tok] = i
			case "report":
				if !running {
					continue
				}
				spans[i].Reports++
			case "end":
				if !running {
					continue
				}
				spans[i].End, spans[i].Done = m.At, true
				delete(open, tok)
			default:
				continue
			}
			if p.Value.Message != nil {
				spans[i].Message = *p.Value.Message
			}
		}
	}
	return spans
}

// tokenString normalises a progress token: LSP allows an integer or a
// string, and servers use both.
func tokenString(raw json.RawMessage) (string, bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	}
	return "", false
}
