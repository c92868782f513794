package conformance

// errorScenarios are the scenarios of the errors group.
func errorScenarios() []Scenario {
	return nil
}
