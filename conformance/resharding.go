package conformance

// reshardScenarios are the scenarios of the resharding group.
func reshardScenarios() []Scenario {
	return nil
}
