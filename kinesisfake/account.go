package kinesisfake

// The account-level settings: DescribeAccountSettings and
// UpdateAccountSettings.

// accountSettings are the account's settings.
type accountSettings struct{}
