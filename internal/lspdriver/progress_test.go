package lspdriver

import (
	"encoding/json"
	"testing"
	"time"
)

func TestProgressSpans(t *testing.T) {
	t0 := time.Unix(1000, 0)
	var msgs []Message
	add := func(method string, id any, params string) {
		m := Message{Index: len(msgs), At: t0.Add(time.Duration(len(msgs)) * time.Second), Method: method, Params: json.RawMessage(params)}
		if id != nil {
			m.ID, _ = json.Marshal(id)
		}
		msgs = append(msgs, m)
	}
	add("window/workDoneProgress/create", 1, `{"token":"a"}`)
	add("$/progress", nil, `{"token":"a","value":{"kind":"begin","title":"A"}}`)
	add("$/progress", nil, `{"token":7,"value":{"kind":"report"}}`) // never began: ignored
	add("$/progress", nil, `{"token":7,"value":{"kind":"begin","title":"B","message":"m1"}}`)
	add("$/progress", nil, `{"token":"a","value":{"kind":"report","percentage":10}}`)
	add("$/progress", nil, `{"token":"a","value":{"kind":"report","message":"x"}}`)
	add("$/progress", nil, `{"token":"a","value":{"kind":"end"}}`)
	add("$/progress", nil, `{"token":"a","value":{"kind":"begin","title":"A again"}}`) // token reused
	add("$/progress", nil, `{"token":{"bad":1},"value":{"kind":"begin"}}`)             // not a token
	spans := Progress(msgs)
	want := []ProgressSpan{
		{Token: "a", Title: "A", Message: "x", Created: t0, Begin: t0.Add(time.Second), End: t0.Add(6 * time.Second), Reports: 2, Done: true},
		{Token: "7", Title: "B", Message: "m1", Begin: t0.Add(3 * time.Second)},
		{Token: "a", Title: "A again", Begin: t0.Add(7 * time.Second)},
	}
	if len(spans) != len(want) {
		t.Fatalf("got %+v, want %+v", spans, want)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("span %d: got %+v, want %+v", i, spans[i], want[i])
		}
	}
}
