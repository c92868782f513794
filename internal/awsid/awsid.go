// Package awsid checks the forms of AWS account IDs and region names, for the
// arn package, the fake's options and the command's flags alike.
package awsid

import "errors"

// maxRegionLen is the longest DNS label, which a region is: the SDK puts it
// in host names such as kinesis.us-east-1.amazonaws.com.
const maxRegionLen = 63

// What CheckAccountID and CheckRegion say of a value of the wrong form.
const (
	accountIDForm = "an account ID is 12 digits, such as 123456789012"
	regionForm    = "a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1"
)

// IsAccountID reports whether s is an AWS account ID: exactly 12 ASCII
// digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CheckAccountID returns nil if id is an account ID, and otherwise an error
// that says what one looks like.
func CheckAccountID(id string) error {
	if !IsAccountID(id) {
		return errors.New(accountIDForm)
	}
	return nil
}

// CheckRegion returns nil if region has the form of an AWS region name, and
// otherwise an error that says what one looks like. The form is a DNS label
// of lowercase letters, digits and hyphens that starts with a letter and
// does not end with a hyphen: every real region (us-east-1, cn-north-1,
// us-gov-west-1, eu-isoe-west-1) and names such as "local" pass, while an
// empty region, or one with a colon that would split an ARN, does not.
func CheckRegion(region string) error {
	if region == "" || len(region) > maxRegionLen || region[0] < 'a' || region[0] > 'z' || region[len(region)-1] == '-' {
		return errors.New(regionForm)
	}
	for i := range len(region) {
		if c := region[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return errors.New(regionForm)
		}
	}
	return nil
}
