package main

import "example.com/demo/common"

func main() { common.Hello() }
