package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"os"
	"slices"
	"time"
)

// certValidity is how long the certificate -tls makes is valid: long enough
// for any run, short enough that a copy left behind soon expires.
const certValidity = 365 * 24 * time.Hour

// tlsFlags are the flags that make the command serve HTTPS.
type tlsFlags struct {
	enabled   bool   // -tls
	certOut   string // -tls-cert-out
	cert, key string // -cert, -key
}

// addTLSFlags defines the TLS flags in flags.
func addTLSFlags(flags *flag.FlagSet) *tlsFlags {
	f := new(tlsFlags)
	flags.BoolVar(&f.enabled, "tls", false, "serve HTTPS, HTTP/2 or HTTP/1.1 as the client asks, with a self-signed certificate made at start for localhost, 127.0.0.1, ::1 and the host of -addr")
	flags.StringVar(&f.certOut, "tls-cert-out", "", "write the certificate -tls makes to `file`, in PEM, for clients to trust (implies -tls)")
	flags.StringVar(&f.cert, "cert", "", "serve HTTPS with the certificate chain in PEM `file` (implies -tls; needs -key)")
	flags.StringVar(&f.key, "key", "", "the private key of -cert, in PEM `file`")
	return f
}

// check reports a combination of the TLS flags that means nothing.
func (f *tlsFlags) check() error {
	switch {
	case f.cert != "" && f.key == "":
		return errors.New("-cert needs -key")
	case f.key != "" && f.cert == "":
		return errors.New("-key needs -cert")
	case f.certOut != "" && f.cert != "":
		return errors.New("-tls-cert-out writes the certificate -tls makes, not the one -cert gives")
	}
	return nil
}

// config returns the TLS configuration to serve addr with, or nil to serve
// without TLS. With -tls it makes a certificate, valid from now, and writes
// it where -tls-cert-out says.
func (f *tlsFlags) config(addr string, now time.Time) (*tls.Config, error) {
	var cert tls.Certificate
	switch {
	case f.cert != "":
		var err error
		if cert, err = tls.LoadX509KeyPair(f.cert, f.key); err != nil {
			return nil, fmt.Errorf("-cert %s -key %s: %w", f.cert, f.key, err)
		}
	case f.enabled || f.certOut != "":
		var certPEM []byte
		var err error
		if cert, certPEM, err = selfSigned(certHosts(addr), now); err != nil {
			return nil, err
		}
		if f.certOut != "" {
			if err := os.WriteFile(f.certOut, certPEM, 0o644); err != nil {
				return nil, fmt.Errorf("-tls-cert-out: %w", err)
			}
		}
	default:
		return nil, nil
	}
	// ServeTLS adds h2 and http/1.1 to NextProtos, in that order.
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// certHosts are the names and addresses the certificate -tls makes is valid
// for: the loopback ones, and the host of addr if it has one.
func certHosts(addr string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && !slices.Contains(hosts, host) {
		hosts = append(hosts, host)
	}
	return hosts
}

// selfSigned makes a self-signed ECDSA P-256 certificate for hosts, names
// or IP addresses, valid from an hour before now (for clocks a little
// behind) until certValidity after, and returns it with its PEM. It is its
// own CA, marked as one, as clients that are given it to trust
// (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, curl --cacert, a Go RootCAs pool)
// expect of a certificate authority.
func selfSigned(hosts []string, now time.Time) (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	publicDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	keyID := sha256.Sum256(publicDER)
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"kinesisfake"}, CommonName: "kinesisfake " + hosts[0]},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          keyID[:20],
		AuthorityKeyId:        keyID[:20],
	}
	for _, h := range hosts {
		if ip, err := netip.ParseAddr(h); err == nil {
			template.IPAddresses = append(template.IPAddresses, ip.WithZone("").AsSlice())
		} else {
			template.DNSNames = append(template.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, certPEM, nil
}
