package main

import "example.com/demo/shared"

func main() { shared.Hello() }
