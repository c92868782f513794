package layered

// Use uses low.go's type, its method and its field.
func Use() int {
	t := &thing{}
	t.grow()
	return t.n + helper()
}
