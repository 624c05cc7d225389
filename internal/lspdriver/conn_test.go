package lspdriver

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadFrame(t *testing.T) {
	for _, tc := range []struct {
		name, in, body string
		err            error
	}{
		{"plain", "Content-Length: 2\r\n\r\n{}", "{}", nil},
		{"content type", "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "{}", nil},
		{"header case", "content-length:2\r\n\r\n{}", "{}", nil},
		{"clean end", "", "", io.EOF},
		{"end in headers", "Content-Length: 2\r\n", "", io.ErrUnexpectedEOF},
		{"end in body", "Content-Length: 5\r\n\r\n{}", "", io.ErrUnexpectedEOF},
		{"no length", "Content-Type: x\r\n\r\n{}", "", errProtocol},
		{"bad length", "Content-Length: -1\r\n\r\n", "", errProtocol},
		{"no colon", "hello\r\n\r\n", "", errProtocol},
	} {
		body, err := readFrame(bufio.NewReader(strings.NewReader(tc.in)))
		if !errors.Is(err, tc.err) || string(body) != tc.body {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.name, body, err, tc.body, tc.err)
		}
	}
}

func TestFrameRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	for _, b := range []string{`{"a":1}`, `{"b":"项目"}`} {
		if err := writeFrame(&buf, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(&buf)
	for _, want := range []string{`{"a":1}`, `{"b":"项目"}`} {
		if got, err := readFrame(r); err != nil || string(got) != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	}
}

func TestDecodeEnvelope(t *testing.T) {
	for _, bad := range []string{`hello`, `[]`, `{"jsonrpc":"2.0"}`, `{"id":1,"result":null}`} {
		if _, err := decodeEnvelope([]byte(bad)); !errors.Is(err, errProtocol) {
			t.Errorf("%s: got %v, want a protocol error", bad, err)
		}
	}
	e, err := decodeEnvelope([]byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}`))
	if err != nil || string(e.ID) != "null" || e.Error == nil || e.Error.Code != -32700 {
		t.Errorf("an error response with id null: %+v, %v", e, err)
	}
}
