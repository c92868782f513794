package conformance

// recordScenarios are the scenarios of the records group.
func recordScenarios() []Scenario {
	return nil
}
