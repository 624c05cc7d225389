package devcontainer

import (
	"strconv"
	"strings"

	"github.com/gomend/gomend/internal/jsonc"
)

// Parse reads a devcontainer.json. It never fails: a file that is not
// JSONC has Err set and whatever could be read before the error in Doc.
// The properties are read as the CLI reads them (jsonc-parser, errors
// dropped): past a missing comma or a stray word, up to the end of a
// truncated file, and the last of duplicate names.
func Parse(path string, content []byte) *Config {
	c := &Config{Path: path, Content: content}
	doc, err := jsonc.Parse(content)
	if err != nil {
		se, ok := err.(*jsonc.SyntaxError)
		if !ok {
			se = &jsonc.SyntaxError{Offset: len(content), Msg: err.Error()}
		}
		c.Err = se
		doc = nil
		if salvaged, ok := jsonc.Salvage(content, se.Offset); ok {
			doc = salvaged
		}
	}
	c.Doc = doc
	if c.Err == nil {
		c.TrailingCommas = doc.TrailingCommas()
	}
	root := readLenient(content)
	if root == nil {
		return c // nothing the CLI could read: Err says why
	}
	if root.kind != kindObject {
		c.NotObject = true
		return c
	}
	p := &parser{}
	c.Image = p.str(root, "", "image")
	c.DockerFile = p.str(root, "", "dockerFile")
	if c.DockerFile == nil {
		if b := root.get("build"); b != nil {
			c.DockerFile = p.str(b.value, "/build", "dockerfile")
		}
	}
	c.DockerComposeFile = p.strs(root, "", "dockerComposeFile")
	c.Service = p.str(root, "", "service")
	c.WorkspaceFolder = p.str(root, "", "workspaceFolder")
	c.WorkspaceMount = p.str(root, "", "workspaceMount")
	if m := root.get("workspaceMount"); c.WorkspaceMount == nil && m != nil && !m.value.truthy() {
		// The CLI tests `'workspaceMount' in config` for "no default
		// mount" and then mounts it only when truthy: null, false and 0
		// mean no workspace mount, as "" does.
		c.WorkspaceMount = &String{Span: Span{m.value.start, m.value.end}, Key: Span{m.nameStart, m.nameEnd}, Ptr: "/workspaceMount"}
	}
	c.RemoteUser = p.str(root, "", "remoteUser")
	c.ContainerUser = p.str(root, "", "containerUser")
	if m := root.get("updateRemoteUserUID"); m != nil && m.value.kind == kindBool {
		b := m.value.b
		c.UpdateRemoteUserUID = &b
	}
	c.Mounts = p.mounts(root)
	c.ContainerEnv = p.env(root, "containerEnv")
	c.RemoteEnv = p.env(root, "remoteEnv")
	for _, hook := range []string{"initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"} {
		if m := root.get(hook); m != nil {
			c.Lifecycle = append(c.Lifecycle, p.commands(m.value, "/"+hook, true)...)
		}
	}
	c.LegacySettings = span(root.get("settings"))
	c.LegacyExtensions = span(root.get("extensions"))
	return c
}

type parser struct{}

func token(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

func span(m *member) *Span {
	if m == nil {
		return nil
	}
	return &Span{m.value.start, m.value.end}
}

// str is the string property key of obj (at objPtr), or nil when it is
// missing or not a string.
func (p *parser) str(obj *node, objPtr, key string) *String {
	m := obj.get(key)
	if m == nil {
		return nil
	}
	s := stringOf(m.value, objPtr+"/"+token(key))
	if s != nil {
		s.Key = Span{m.nameStart, m.nameEnd}
	}
	return s
}

func stringOf(v *node, ptr string) *String {
	if v == nil || v.kind != kindString {
		return nil
	}
	return &String{Raw: v.str, Span: Span{v.start, v.end}, Ptr: ptr}
}

// strs is a property that is a string or an array of strings.
func (p *parser) strs(obj *node, objPtr, key string) []*String {
	if s := p.str(obj, objPtr, key); s != nil {
		return []*String{s}
	}
	m := obj.get(key)
	if m == nil || m.value.kind != kindArray {
		return nil
	}
	ptr := objPtr + "/" + token(key)
	var out []*String
	for i, e := range m.value.elems {
		if s := stringOf(e, ptr+"/"+strconv.Itoa(i)); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// mounts are the "mounts" elements that are a string or an object.
func (p *parser) mounts(root *node) []*MountProp {
	m := root.get("mounts")
	if m == nil || m.value.kind != kindArray {
		return nil
	}
	var out []*MountProp
	for i, e := range m.value.elems {
		mp := &MountProp{Span: Span{e.start, e.end}, Ptr: "/mounts/" + strconv.Itoa(i)}
		switch e.kind {
		case kindString:
			mp.Form, mp.Raw = "string", e.str
		case kindObject:
			// The CLI reads exactly these names (JavaScript is case
			// sensitive) and writes type=…,src=…,dst=… from them.
			mp.Form = "object"
			mp.Object = &Mount{}
			for name, f := range map[string]*string{"type": &mp.Object.Type, "source": &mp.Object.Source, "target": &mp.Object.Target} {
				if v := e.get(name); v != nil && v.value.kind == kindString {
					*f = v.value.str
				}
			}
		default:
			continue
		}
		out = append(out, mp)
	}
	return out
}

// env lists the string entries of containerEnv or remoteEnv, once per
// name (the last value of a repeated name), in the order names appear.
func (p *parser) env(root *node, key string) []*EnvVar {
	m := root.get(key)
	if m == nil || m.value.kind != kindObject {
		return nil
	}
	var out []*EnvVar
	for _, name := range m.value.names() {
		if s := p.str(m.value, "/"+key, name); s != nil {
			out = append(out, &EnvVar{Name: name, String: *s})
		}
	}
	return out
}

// commands lists the strings of a lifecycle command: a string, an array
// of strings (one command line), or (at the top) an object whose values
// are either.
func (p *parser) commands(v *node, ptr string, top bool) []*String {
	switch v.kind {
	case kindString:
		return []*String{stringOf(v, ptr)}
	case kindArray:
		var out []*String
		for i, e := range v.elems {
			if s := stringOf(e, ptr+"/"+strconv.Itoa(i)); s != nil {
				out = append(out, s)
			}
		}
		return out
	case kindObject:
		if !top {
			return nil
		}
		var out []*String
		for _, name := range v.names() {
			out = append(out, p.commands(v.get(name).value, ptr+"/"+token(name), false)...)
		}
		return out
	}
	return nil
}
