module example.com/demo/worker

go 1.21

require example.com/demo/common v0.0.0

replace example.com/demo/common => ../shared
