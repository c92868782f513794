package layered

type thing struct{ n int }

func (t *thing) grow() { t.n++ }
