package conformance

// fanOutScenarios are the scenarios of the fan-out group.
func fanOutScenarios() []Scenario {
	return nil
}
