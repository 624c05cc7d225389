package devcontainer

import (
	"strconv"
	"strings"

	"github.com/gomend/gomend/internal/jsonc"
)

// Parse reads a devcontainer.json. It never fails: a file that is not
// JSONC has Err set and whatever could be read before the error in Doc.
func Parse(path string, content []byte) *Config {
	c := &Config{Path: path, Content: content}
	doc, err := jsonc.Parse(content)
	if err != nil {
		c.Err = err.(*jsonc.SyntaxError)
		if salvaged, ok := jsonc.Salvage(content, c.Err.Offset); ok {
			doc = salvaged
		}
	}
	if doc == nil {
		return c
	}
	c.Doc = doc
	if c.Err == nil {
		c.TrailingCommas = doc.TrailingCommas()
	}
	if root := doc.Find(""); root == nil || root.Keys() == nil {
		c.NotObject = true
		return c
	}
	p := &parser{c: c, doc: doc}
	c.Image = p.str("", "image")
	c.DockerFile = p.str("", "dockerFile")
	if c.DockerFile == nil {
		c.DockerFile = p.str("/build", "dockerfile")
	}
	c.DockerComposeFile = p.strs("", "dockerComposeFile")
	c.Service = p.str("", "service")
	c.WorkspaceFolder = p.str("", "workspaceFolder")
	c.WorkspaceMount = p.str("", "workspaceMount")
	c.RemoteUser = p.str("", "remoteUser")
	c.ContainerUser = p.str("", "containerUser")
	if v := doc.Find("/updateRemoteUserUID"); v != nil {
		var b bool
		if v.Decode(&b) == nil {
			c.UpdateRemoteUserUID = &b
		}
	}
	c.Mounts = p.mounts()
	c.ContainerEnv = p.env("containerEnv")
	c.RemoteEnv = p.env("remoteEnv")
	for _, hook := range []string{"initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"} {
		c.Lifecycle = append(c.Lifecycle, p.commands("/"+hook)...)
	}
	c.LegacySettings = p.span("/settings")
	c.LegacyExtensions = p.span("/extensions")
	return c
}

type parser struct {
	c   *Config
	doc *jsonc.Doc
}

func token(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// str is the string property key of the object at objPtr, or nil.
func (p *parser) str(objPtr, key string) *String {
	ptr := objPtr + "/" + token(key)
	s := p.stringAt(ptr)
	if s == nil {
		return nil
	}
	if ns, ne, _, ok := p.doc.KeySpan(objPtr, key); ok {
		s.Key = Span{ns, ne}
	}
	return s
}

func (p *parser) stringAt(ptr string) *String {
	v := p.doc.Find(ptr)
	if v == nil {
		return nil
	}
	var raw string
	if v.Decode(&raw) != nil {
		return nil
	}
	return &String{Raw: raw, Span: Span{v.Start, v.End}, Ptr: ptr}
}

// strs is a property that is a string or an array of strings.
func (p *parser) strs(objPtr, key string) []*String {
	if s := p.str(objPtr, key); s != nil {
		return []*String{s}
	}
	ptr := objPtr + "/" + token(key)
	v := p.doc.Find(ptr)
	if v == nil || !v.IsArray() {
		return nil
	}
	var out []*String
	for i := range v.Len() {
		if s := p.stringAt(ptr + "/" + strconv.Itoa(i)); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) span(ptr string) *Span {
	if v := p.doc.Find(ptr); v != nil {
		return &Span{v.Start, v.End}
	}
	return nil
}

func (p *parser) mounts() []*MountProp {
	v := p.doc.Find("/mounts")
	if v == nil || !v.IsArray() {
		return nil
	}
	var out []*MountProp
	for i := range v.Len() {
		ptr := "/mounts/" + strconv.Itoa(i)
		e := p.doc.Find(ptr)
		mp := &MountProp{Span: Span{e.Start, e.End}, Ptr: ptr}
		var s string
		var obj struct {
			Type   string `json:"type"`
			Source string `json:"source"`
			Target string `json:"target"`
		}
		switch {
		case e.Decode(&s) == nil:
			mp.Form, mp.Raw = "string", s
		case e.Decode(&obj) == nil:
			mp.Form = "object"
			mp.Object = &Mount{Type: obj.Type, Source: obj.Source, Target: obj.Target}
		default:
			continue
		}
		out = append(out, mp)
	}
	return out
}

func (p *parser) env(key string) []*EnvVar {
	v := p.doc.Find("/" + key)
	if v == nil {
		return nil
	}
	var out []*EnvVar
	for _, name := range v.Keys() {
		if s := p.str("/"+key, name); s != nil {
			out = append(out, &EnvVar{Name: name, String: *s})
		}
	}
	return out
}

// commands lists the strings of a lifecycle command: a string, an array
// of strings (one command line), or an object whose values are either.
func (p *parser) commands(ptr string) []*String {
	v := p.doc.Find(ptr)
	if v == nil {
		return nil
	}
	if s := p.stringAt(ptr); s != nil {
		return []*String{s}
	}
	var out []*String
	if v.IsArray() {
		for i := range v.Len() {
			if s := p.stringAt(ptr + "/" + strconv.Itoa(i)); s != nil {
				out = append(out, s)
			}
		}
		return out
	}
	for _, k := range v.Keys() {
		out = append(out, p.commands(ptr+"/"+token(k))...)
	}
	return out
}
