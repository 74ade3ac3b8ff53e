package bib

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Date is a publication date as far as it is known. Zero parts are unknown.
// Raw keeps the date as written when it says more than the parts (a range,
// a season, a conference span).
type Date struct {
	Year   int    `json:"year,omitempty"`
	Month  int    `json:"month,omitempty"`
	Day    int    `json:"day,omitempty"`
	Season string `json:"season,omitempty"` // Spring, Summer, Autumn, Winter
	Raw    string `json:"raw,omitempty"`
}

// End returns the last date of a range the date was written as, which Raw
// keeps: "2010 Sep-Oct", "2010 Dec-2011 Jan", "2019 Nov 20-23",
// "1999-2000", "2014-12-31/2015-01-01". It returns the zero Date when Raw
// is no range, or its end is no later than the date.
func (d Date) End() Date {
	r := d.Raw
	if d.Year == 0 || len(r) < 5 {
		return Date{}
	}
	var tail string
	if i := strings.IndexByte(r, '/'); i > 0 {
		tail = r[i+1:]
	} else {
		i := strings.LastIndexAny(r, "-–")
		if i <= 0 {
			return Date{}
		}
		left := r[:i]
		_, size := utf8.DecodeRuneInString(r[i:])
		tail = TrimSpace(r[i+size:])
		if !strings.Contains(left, " ") && !(len(left) == 4 && AllDigits(left) && len(tail) == 4 && AllDigits(tail)) && !isMonthName(left) {
			return Date{} // "2023-06" is a month, not a range
		}
	}
	tail = TrimSpace(tail)
	var e Date
	switch first, _, _ := strings.Cut(tail, " "); {
	case tail == "":
		return Date{}
	case AllDigits(tail) && len(tail) <= 2:
		// "2019 Nov 20-23": a day of the same month
		n, _ := strconv.Atoi(tail)
		if d.Month == 0 || n <= d.Day || n > 31 {
			return Date{}
		}
		e = Date{Year: d.Year, Month: d.Month, Day: n}
	case MonthNumber(first) > 0 && !strings.ContainsAny(tail, "0123456789") || MonthNumber(first) > 0 && len(tail) <= 6:
		// "Sep-Oct", "Nov 3-Dec 2": a month of the same year, or of
		// the next when it comes before the first
		e = ParseDate(strconv.Itoa(d.Year) + " " + tail)
		if e.Month != 0 && e.Month < d.Month {
			e.Year++
		}
	default:
		e = ParseDate(tail)
	}
	e.Raw, e.Season = "", ""
	if e.Year == 0 || e.Year < d.Year || e.Year == d.Year && (e.Month < d.Month || e.Month == d.Month && e.Day <= d.Day) {
		return Date{}
	}
	return e
}

// isMonthName reports whether s is the name of a month, spelled out or
// abbreviated ("Nov", "NOV", "Sept."), and not its number: the start of a
// range of months written without the year ("Nov-Dec"), which the format
// gives apart (Web of Science PD, EndNote pub-dates, RIS DA).
func isMonthName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return false
		}
	}
	return MonthNumber(s) > 0
}

// IsZero reports whether nothing is known of the date.
func (d Date) IsZero() bool {
	return d.Year == 0 && d.Month == 0 && d.Day == 0 && d.Season == "" && d.Raw == ""
}

// String formats the known parts as ISO 8601 ("2023", "2023-06", "2023-06-01").
func (d Date) String() string {
	if d.Year == 0 {
		return ""
	}
	s := strconv.Itoa(d.Year)
	if d.Month > 0 {
		s += "-" + twoDigits(d.Month)
		if d.Day > 0 {
			s += "-" + twoDigits(d.Day)
		}
	}
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Merge fills the unknown parts of d from o (o's parts are used only when
// they agree with d's year, or d has none).
func (d Date) Merge(o Date) Date {
	if d.Year == 0 {
		if d.Raw == "" {
			d.Raw = o.Raw
		}
		d.Year = o.Year
	}
	if d.Year != o.Year {
		return d
	}
	if d.Month == 0 {
		d.Month, d.Day = o.Month, o.Day
	}
	if d.Season == "" {
		d.Season = o.Season
	}
	return d
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "janv": 1, "feb": 2, "february": 2, "febr": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var monthAbbrev = map[string]int{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
	"Oct": 10, "Nov": 11, "Dec": 12, "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8,
	"SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var seasonNames = map[string]string{
	"spring": "Spring", "spr": "Spring", "summer": "Summer", "sum": "Summer", "summ": "Summer",
	"autumn": "Autumn", "fall": "Autumn", "fal": "Autumn", "aut": "Autumn", "winter": "Winter", "win": "Winter", "wint": "Winter",
}

// MonthNumber returns 1–12 for an English month name or abbreviation
// ("Jun", "june", "JUN.", "6"), or 0.
func MonthNumber(s string) int {
	if len(s) == 3 { // the common case, without allocating
		if m, ok := monthAbbrev[s]; ok {
			return m
		}
	}
	s = strings.ToLower(strings.Trim(TrimSpace(s), "."))
	if n, err := atoi(s); err == nil && n >= 1 && n <= 12 {
		return n
	}
	return monthNames[s]
}

// ParseDate reads a date in any of the forms exports write:
//
//	2023   2023///   2023/06/01/   2016/01/   2007/08//2014 Sep   1987///Spr 1987
//	2023-06-01   20170812   2016 Jan 15   2016 Jan-Feb   2000 Dec 23-30
//	1998 Dec-1999 Jan   2010 Spring   APR 21   Mar 1   June 2019   4-8 Aug. 2020
//
// The year is always taken when one is written (a four-digit number from
// 1500 to 2099); a string with no year gives a Date with only the month or
// season parts and Raw. Unparsable junk ("undefined") is ignored. An
// eight-digit number that is no YYYYMMDD date gives only the year it stands
// for, if any ("20200000" is 2020, "20201399" none). A date before the
// common era, written with a minus sign as EDTF does ("-0044-03-15"), has
// no year bibdb keeps: it is kept only as written, in Raw.
func ParseDate(s string) Date {
	s = CleanText(s)
	if s == "" {
		return Date{}
	}
	if len(s) > 1 && s[0] == '-' && isDigit(s[1]) {
		return Date{Raw: s}
	}
	d := Date{}
	// RIS slashed form: YYYY/MM/DD/other.
	if len(s) >= 4 && AllDigits(s[:4]) && (len(s) == 4 || s[4] == '/') {
		var partsBuf [4]string
		parts := splitN(partsBuf[:0], s, "/", 4)
		d.Year = validYear(parts[0])
		if len(parts) > 1 {
			if m := MonthNumber(parts[1]); m > 0 {
				d.Month = m
			}
		}
		if len(parts) > 2 && d.Month > 0 {
			if n, err := atoi(TrimSpace(parts[2])); err == nil && n >= 1 && n <= 31 {
				d.Day = n
			}
		}
		if len(parts) > 3 && TrimSpace(parts[3]) != "" {
			o := parseFree(parts[3])
			if d.Year == 0 || o.Year == 0 || o.Year == d.Year {
				if d.Year == 0 {
					d.Year = o.Year
				}
				if d.Month == 0 {
					d.Month, d.Day = o.Month, o.Day
				}
				d.Season = o.Season
			}
		}
		if d.Year != 0 && len(parts) <= 3 && strings.Trim(s, "/0123456789") == "" {
			return d
		}
		if d.Season != "" || (len(parts) > 3 && TrimSpace(parts[3]) != "" && !strings.Contains(strings.ToLower(parts[3]), "undefined")) {
			d.Raw = s
		}
		return d
	}
	// ISO: YYYY-MM-DD, YYYY-MM.
	if len(s) >= 7 && AllDigits(s[:4]) && s[4] == '-' && isDigit(s[5]) {
		date, _, _ := strings.Cut(s, "T")
		date = strings.TrimRight(date, "/") // "1983-03//": RIS's empty day and other parts, after ISO (Ovid's ERIC)
		var pBuf [3]string
		p := splitN(pBuf[:0], date, "-", 3)
		d.Year = validYear(p[0])
		if m, err := atoi(p[1]); err == nil && m >= 1 && m <= 12 {
			d.Month = m
			if len(p) == 3 {
				if day, err := atoi(p[2]); err == nil && day >= 1 && day <= 31 {
					d.Day = day
				}
			}
		} else if m, err := atoi(p[1]); err == nil && m > 12 {
			// a year range "2023-2024"
			d.Raw = s
		}
		return d
	}
	// Compact: YYYYMMDD.
	if len(s) == 8 && AllDigits(s) {
		if c, ok := compactDate(s); ok {
			return c
		}
		return Date{Year: yearOnly(s)}
	}
	d = parseFree(s)
	if d.Raw == "" && (d.Season != "" || strings.ContainsAny(s, "-–")) {
		d.Raw = s
	}
	return d
}

// compactDate reads YYYYMMDD ("20170812"); ok is false when s is not a
// date of that form.
func compactDate(s string) (Date, bool) {
	y := validYear(s[:4])
	m, _ := atoi(s[4:6])
	if y == 0 || m < 1 || m > 12 {
		return Date{}, false
	}
	d := Date{Year: y, Month: m}
	if day, _ := atoi(s[6:]); day >= 1 && day <= 31 {
		d.Day = day
	}
	return d, true
}

// yearOnly returns the year of eight digits YYYY00DD, a year with no month
// ("20200000"), or 0.
func yearOnly(s string) int {
	if s[4:6] != "00" {
		return 0
	}
	return validYear(s[:4])
}

// parseFree reads a date written in words: it takes the first year, the
// first month name and a day number next to that month.
func parseFree(s string) Date {
	var d Date
	var toksBuf [16]string // dates have a handful of words: no allocation
	toks := appendDateTokens(toksBuf[:0], s)
	monthAt := -1
	for i, t := range toks {
		if len(t) == 4 && AllDigits(t) {
			if d.Year == 0 {
				d.Year = validYear(t)
			}
			continue
		}
		if len(t) == 8 && AllDigits(t) && d.Year == 0 {
			if c, ok := compactDate(t); ok {
				d.Year, d.Month, d.Day = c.Year, c.Month, c.Day
				monthAt = -2
			} else {
				d.Year = yearOnly(t)
			}
			continue
		}
		var lowerBuf [16]byte
		lt := lowerDateWord(lowerBuf[:0], t)
		if m, ok := monthNames[string(lt)]; ok && d.Month == 0 && monthAt != -2 {
			d.Month = m
			monthAt = i
			continue
		}
		if se, ok := seasonNames[string(lt)]; ok && d.Season == "" && d.Month == 0 {
			d.Season = se
		}
	}
	if d.Year == 0 {
		d.Year = ExtractYear(s)
	}
	if monthAt >= 0 {
		for _, j := range [2]int{monthAt + 1, monthAt - 1} {
			if j == monthAt-1 && j > 0 && len(toks[j-1]) <= 2 && AllDigits(toks[j-1]) {
				continue // a day range before the month: "4-8 Aug. 2020"
			}
			if j >= 0 && j < len(toks) && len(toks[j]) <= 2 && AllDigits(toks[j]) {
				if n, _ := atoi(toks[j]); n >= 1 && n <= 31 {
					d.Day = n
					break
				}
			}
		}
	}
	return d
}

// lowerDateWord returns strings.ToLower(t) as bytes, in dst when t is ASCII
// and fits (every month and season name does), so that looking it up in
// a map with string(result) as the key does not allocate.
func lowerDateWord(dst []byte, t string) []byte {
	if len(t) > cap(dst) || !isASCII(t) {
		return []byte(strings.ToLower(t))
	}
	return appendLowerASCII(dst, t)
}

// isDateSeparator reports whether r separates the words of a date.
func isDateSeparator(r rune) bool {
	return r == ' ' || r == '/' || r == '-' || r == ',' || r == '.' || r == '–' || r == '—' || r == ':' || r == ';' || r == '(' || r == ')'
}

// appendDateTokens appends to dst the words of s between date separators,
// as strings.FieldsFunc(s, isDateSeparator) returns them, without making
// a slice of its own.
func appendDateTokens(dst []string, s string) []string {
	start := -1 // where the current word began, or -1 between words
	for i, r := range s {
		if isDateSeparator(r) {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

func validYear(s string) int {
	s = TrimSpace(s)
	if len(s) != 4 || !AllDigits(s) {
		return 0
	}
	n, _ := atoi(s)
	if n < 1500 || n > 2099 {
		return 0
	}
	return n
}

// ExtractYear returns the first four-digit year from 1500 to 2099 that stands
// alone in s (not part of a longer number), or 0.
func ExtractYear(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 {
			if y := validYear(s[i:j]); y != 0 {
				return y
			}
		}
		i = j
	}
	return 0
}
