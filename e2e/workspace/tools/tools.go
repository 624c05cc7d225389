// Package tools is the module the workspace's go.work forgets to use.
package tools

// Version names the tools module.
const Version = "0.1.0"
