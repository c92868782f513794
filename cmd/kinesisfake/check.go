package main

import (
	"crypto/sha256"
	"fmt"
	"io"

	"github.com/streamfake/kinesis/internal/boltstore"
	"github.com/streamfake/kinesis/kinesisfake"
)

// checkData reads every region a -data directory keeps, as a start does
// (every page of the file, every value against its checksum, every
// region's state), without serving or changing it, and writes what each
// region holds: its streams and records, with a digest of the records'
// sequence numbers and data to compare with a copy. It returns the first
// damage found.
func checkData(dir string, w io.Writer) error {
	db, err := boltstore.OpenReadOnly(dir)
	if err != nil {
		return fmt.Errorf("-data: %w", err)
	}
	defer db.Close()
	regions, err := db.Regions()
	if err != nil {
		return fmt.Errorf("-data: %w", err)
	}
	for _, region := range regions {
		fake, err := kinesisfake.Open(discardWrites{db.Region(region)}, kinesisfake.WithRegion(region))
		if err != nil {
			return fmt.Errorf("-data: region %s: %w", region, err)
		}
		streams := fake.Streams()
		digest, records := sha256.New(), 0
		for _, name := range streams {
			recs, err := fake.Records(name)
			if err != nil {
				fake.Close()
				return fmt.Errorf("-data: region %s: %w", region, err)
			}
			for _, r := range recs {
				fmt.Fprintf(digest, "%s %s %d %q\n", name, r.SequenceNumber, len(r.Data), r.Data)
			}
			records += len(recs)
		}
		fake.Close()
		fmt.Fprintf(w, "region %s: %d streams, %d records, sha256 %x\n", region, len(streams), records, digest.Sum(nil))
	}
	fmt.Fprintf(w, "%s: %d regions read, no damage found\n", dir, len(regions))
	return nil
}

// discardWrites is a Store that takes no writes, so that opening a fake on
// it to check it changes nothing: what Open would write again at start
// is dropped.
type discardWrites struct{ kinesisfake.Store }

func (discardWrites) Write([]kinesisfake.StoreOp) func() error { return func() error { return nil } }
