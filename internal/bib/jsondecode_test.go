package bib

import (
	"encoding/json"
	"reflect"
	"testing"
)

// fill sets every field of v, down through slices and structs, to a value
// that is not zero, from texts in turn.
func fill(v reflect.Value, texts []string, n *int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(texts[*n%len(texts)])
		*n++
	case reflect.Int:
		v.SetInt(int64(*n*37 - 50))
		*n++
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), texts, n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).Tag.Get("json") != "-" {
				fill(v.Field(i), texts, n)
			}
		}
	}
}

// TestDecodeJSONEveryField checks that DecodeJSON reads every field of a
// record itself (a field added to Record must be added to it too), and
// as encoding/json does, with text that json.Marshal escapes.
func TestDecodeJSONEveryField(t *testing.T) {
	texts := []string{"Byng", "<i>care</i> & \"recovery\"", "line\nbreak\ttab\\", "Ærø café 😀 \u2028 \u00ad", "", "x"}
	var r Record
	n := 0
	fill(reflect.ValueOf(&r).Elem(), texts, &n)
	data, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeJSONFast(data)
	if !ok {
		t.Fatalf("DecodeJSON leaves this record to encoding/json (a field it does not read?):\n%s", data)
	}
	var want Record
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("DecodeJSON:\n%+v\nencoding/json:\n%+v", got, &want)
	}
}

// checkDecode fails the test when DecodeJSON and json.Unmarshal disagree
// on data.
func checkDecode(t *testing.T, data []byte) {
	t.Helper()
	got, err := DecodeJSON(data)
	var want Record
	wantErr := json.Unmarshal(data, &want)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, encoding/json %v", data, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, &want) {
		t.Errorf("%q:\n%+v\nencoding/json:\n%+v", data, got, &want)
	}
}

// TestDecodeJSONAsEncodingJSON checks what DecodeJSON reads itself and
// what it leaves to encoding/json against encoding/json.
func TestDecodeJSONAsEncodingJSON(t *testing.T) {
	for _, tc := range []struct {
		data string
		fast bool // read without encoding/json
	}{
		{`{}`, true},
		{` { "title" : "A" , "date" : { "year" : 2023 } } `, true},
		{`{"authors":[],"keywords":[{"term":"x","major":false}]}`, true},
		{`{"title":"a\u003cb\u003e \u00e9 \/ \" \\ \b\f\n\r\t"}`, true},
		{`{"date":{"year":2020},"date":{"month":3}}`, true},
		{`{"title":"A","title":"B"}`, true},
		{`{"line":-4}`, true},
		{`{"title":null}`, false},
		{`{"authors":null}`, false},
		{`{"Title":"A"}`, false},
		{`{"unknown":1}`, false},
		{`{"title":"\ud83d\ude00"}`, false},
		{`{"title":"\ud83d"}`, false},
		{"{\"title\":\"\xff\"}", false},
		{`{"line":1.0}`, false},
		{`{"line":1e2}`, false},
		{`{"line":99999999999999999999}`, false},
		{`{"title":"A"`, false},
		{`{"title":"A"} x`, false},
		{`{"title":1}`, false},
		{`[]`, false},
		{``, false},
	} {
		_, fast := decodeJSONFast([]byte(tc.data))
		if fast != tc.fast {
			t.Errorf("%q: read without encoding/json %v, want %v", tc.data, fast, tc.fast)
		}
		checkDecode(t, []byte(tc.data))
	}
}

func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"title":"A","authors":[{"family":"Byng","given":"R","affiliations":["P"]}],"date":{"year":2023}}`))
	f.Add([]byte(`{"keywords":[{"term":"\u003c","major":true}],"warnings":[{"line":3,"msg":"m"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data)
	})
}

// BenchmarkDecodeJSON decodes a record with every field set, two of each
// list, by DecodeJSON and by encoding/json.
func BenchmarkDecodeJSON(b *testing.B) {
	var r Record
	n := 0
	fill(reflect.ValueOf(&r).Elem(), []string{"Byng", "Collaborative care for people with severe mental illness", "University of Plymouth, UK", "a < b"}, &n)
	data, err := json.Marshal(&r)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("DecodeJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := DecodeJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var r Record
			if err := json.Unmarshal(data, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
