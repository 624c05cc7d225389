module example.com/demo/shared

go 1.21
