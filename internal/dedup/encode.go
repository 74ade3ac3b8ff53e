package dedup

import (
	"errors"
	"strconv"
	"strings"
)

// Features are stored with each record in a compact text form, so that a
// record met again as a candidate is compared without reading the whole
// record: fields are separated by US (0x1f), list items by RS (0x1e), the
// parts of an author by GS (0x1d). The first field is the form's version;
// a record whose features have another version is read again from its
// data.
const (
	featureVersion = "f3"
	fieldSep       = "\x1f"
	itemSep        = "\x1e"
	partSep        = "\x1d"
)

// Encode returns the compact text form of the features.
func (f *Features) Encode() string {
	var b strings.Builder
	b.Grow(256 + len(f.Title)*2)
	list := func(xs []string) {
		for i, x := range xs {
			if i > 0 {
				b.WriteString(itemSep)
			}
			b.WriteString(x)
		}
	}
	b.WriteString(featureVersion)
	for _, part := range []func(){
		func() { b.WriteString(f.Title) },
		func() {
			if f.TitleCore != f.Title {
				b.WriteString(f.TitleCore)
			}
		},
		func() { list(f.Alt) },
		func() { b.WriteString(strconv.Itoa(f.Year)) },
		func() {
			for i, a := range f.Authors {
				if i > 0 {
					b.WriteString(itemSep)
				}
				b.WriteString(a.Family)
				b.WriteString(partSep)
				b.WriteString(a.Initial)
				if a.Group {
					b.WriteString(partSep + "g")
				}
			}
		},
		func() { list(f.Journals) },
		func() { list(f.ISSNs) },
		func() { b.WriteString(f.Volume) },
		func() { b.WriteString(f.Issue) },
		func() { b.WriteString(f.Supplement) },
		func() { b.WriteString(f.FirstPage) },
		func() { b.WriteString(f.LastPage) },
		func() { list(f.DOIs) },
		func() { list(f.PMIDs) },
		func() { list(f.PMCIDs) },
		func() { b.WriteString(f.Part) },
		func() { b.WriteString(strconv.Itoa(int(f.Flags))) },
		func() {
			if f.InProceedings {
				b.WriteString("p")
			}
		},
		func() { list(f.ISBNs) },
		func() { b.WriteString(strconv.Itoa(int(f.Kind))) },
	} {
		b.WriteString(fieldSep)
		part()
	}
	return b.String()
}

// ErrFeatureVersion is returned by DecodeFeatures for features stored in
// another version of the form.
var ErrFeatureVersion = errors.New("features stored in another form")

// DecodeFeatures reads features written by Encode.
func DecodeFeatures(s string) (*Features, error) {
	p := strings.Split(s, fieldSep)
	if len(p) != 21 || p[0] != featureVersion {
		return nil, ErrFeatureVersion
	}
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, itemSep)
	}
	f := &Features{Title: p[1], TitleCore: p[2], Alt: list(p[3]), Journals: list(p[6]), ISSNs: list(p[7]),
		Volume: p[8], Issue: p[9], Supplement: p[10], FirstPage: p[11], LastPage: p[12], DOIs: list(p[13]),
		PMIDs: list(p[14]), PMCIDs: list(p[15]), Part: p[16], InProceedings: p[18] == "p", ISBNs: list(p[19])}
	if f.TitleCore == "" {
		f.TitleCore = f.Title
	}
	var err error
	if f.Year, err = strconv.Atoi(p[4]); err != nil {
		return nil, err
	}
	flags, err := strconv.Atoi(p[17])
	if err != nil {
		return nil, err
	}
	f.Flags = Flag(flags)
	kind, err := strconv.Atoi(p[20])
	if err != nil {
		return nil, err
	}
	f.Kind = Kind(kind)
	for _, a := range list(p[5]) {
		parts := strings.Split(a, partSep)
		au := Author{Family: parts[0]}
		if len(parts) > 1 {
			au.Initial = parts[1]
		}
		au.Group = len(parts) > 2
		f.Authors = append(f.Authors, au)
	}
	f.index()
	return f, nil
}
