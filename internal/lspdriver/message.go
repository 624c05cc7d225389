package lspdriver

import (
	"encoding/json"
	"time"
)

// Message is one message the server sent: a notification, a request of
// its own (Method and ID set), or a response to one of our calls (Method
// empty). Its raw fields share memory with the session's record: treat
// them as read-only.
type Message struct {
	Index  int       // position in Session.Messages, in arrival order
	At     time.Time // when its body had been read
	Method string
	ID     json.RawMessage
	Params json.RawMessage
	Result json.RawMessage
	Error  *RPCError
}

// IsNotification reports whether m is a notification.
func (m Message) IsNotification() bool { return m.Method != "" && m.ID == nil }

// IsRequest reports whether m is a request from the server to the client.
func (m Message) IsRequest() bool { return m.Method != "" && m.ID != nil }

// IsResponse reports whether m answers one of our calls.
func (m Message) IsResponse() bool { return m.Method == "" }

// FirstNotification returns the earliest notification of method in msgs.
func FirstNotification(msgs []Message, method string) (Message, bool) {
	for _, m := range msgs {
		if m.IsNotification() && m.Method == method {
			return m, true
		}
	}
	return Message{}, false
}
