package layered

func helper() int { return len(local) }

var local = "x"
