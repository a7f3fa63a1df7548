module github.com/carecycle/carerules

go 1.26.0

require (
	github.com/stretchr/testify v1.12.1
	github.com/xrash/smetrics v0.0.0-20250705151800-55b8f293f342
	golang.org/x/text v0.43.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
