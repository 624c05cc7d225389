module example.com/demo/api

go 1.22

require example.com/demo/shared v0.0.0

replace example.com/demo/shared => ../libs/shared
