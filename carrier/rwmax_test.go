package carrier

// maxRealWorldRefused is the number of refusals measured on
// testdata/realworld.txt when the list was written (see TestRealWorld).
const maxRealWorldRefused = 2
