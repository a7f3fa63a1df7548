package jsonbody

// Kind is the JSON type a field accepts. Every kind also accepts null.
type Kind uint8

const (
	// String: a string.
	String Kind = iota
	// ID: a string or a number; a number is kept as its literal text.
	ID
	// Enum: a string equal to one of Field.Enum (exactly).
	Enum
	// Int32: a number whose value is an integer in the 32-bit range.
	Int32
	// Objects: an array of objects of Field.Elem, at most Field.Max of them.
	Objects
	// CustomValue: a string, number, boolean or array of strings, kept as
	// raw JSON (Value.Text).
	CustomValue
)

// Field describes one member of an object.
type Field struct {
	Name string
	// Label names the field in messages ("custom field key"); "" says Name.
	Label string
	Kind  Kind
	// Max is a string's length limit in UTF-16 code units (String, ID,
	// Enum; 0: not checked here), or an array's item limit (Objects; 0: no
	// limit).
	Max int
	// Min is a string's least length, or an array's least item count.
	Min int
	// Enum lists the values of an Enum field.
	Enum []string
	// Strict rejects C0 control characters (names and identifiers); U+0000
	// is rejected in every field.
	Strict bool
	// Required: absent or null is an invalid_type issue.
	Required bool
	// Noun names the items of an Objects field in messages ("record":
	// "records must hold at most 100 records"); "" says "items".
	Noun string
	// Elem is the schema of an Objects field's items.
	Elem *Schema
}

// Schema describes the members of an object.
type Schema struct {
	noun   string
	fields []Field
	byLen  [][]int // field indexes by name length
	lists  int     // number of Objects fields
}

// NewSchema returns the schema of an object called noun in messages
// ("record must be an object") with the given fields. Values of a decoded
// Object are in the order of fields.
func NewSchema(noun string, fields ...Field) *Schema {
	s := &Schema{noun: noun, fields: fields}
	for i, f := range fields {
		if f.Kind == Objects {
			s.lists++
		}
		for len(s.byLen) <= len(f.Name) {
			s.byLen = append(s.byLen, nil)
		}
		s.byLen[len(f.Name)] = append(s.byLen[len(f.Name)], i)
	}
	return s
}

func (f *Field) label() string {
	if f.Label != "" {
		return f.Label
	}
	return f.Name
}

// Fields returns the schema's fields, in the order of Object.Values.
func (s *Schema) Fields() []Field { return s.fields }

// Index returns the index of the field called name, or -1.
func (s *Schema) Index(name string) int {
	if len(name) >= len(s.byLen) {
		return -1
	}
	for _, i := range s.byLen[len(name)] {
		if s.fields[i].Name == name {
			return i
		}
	}
	return -1
}

// State says how a field was sent.
type State uint8

const (
	// Absent: the key is not in the object.
	Absent State = iota
	// Null: the key is present with the value null.
	Null
	// Given: the key is present with a value of the right type, which
	// passed the field's checks.
	Given
	// Invalid: the key is present with a value that has an issue.
	Invalid
)

// Value is a decoded field.
type Value struct {
	// Text is a string's value (escapes decoded), an ID number's literal
	// text, or a CustomValue's raw JSON. An Invalid value keeps its text
	// only when the text is valid and failed a length or enum check (a
	// caller may echo it, cut); otherwise it is "".
	Text string
	// Int is an Int32 field's value (for an Objects field, the index of
	// its items in the object's lists: use Object.Items).
	Int int32
	// State says whether and how the field was sent.
	State State
	// Number is set when an ID was sent as a JSON number.
	Number bool
}

// Object is a decoded object.
type Object struct {
	// Values holds one Value per field of the schema, in its order.
	Values []Value
	// Extra holds the members the schema does not know, in order and as
	// sent, as one raw JSON object; nil when there are none.
	Extra []byte
	lists [][]Object
}

// Items returns the objects of the Objects field at index field of the
// schema: those of a Given array, and those of an Invalid one whose items
// were decoded (an item that is not an object is the zero Object, with nil
// Values, and makes the array Invalid). It returns nil for an absent or null
// array, and for an array that was not decoded (over its item limit, or not
// an array).
func (o Object) Items(field int) []Object {
	if v := o.Values[field]; (v.State == Given || v.State == Invalid) && v.Int >= 0 && int(v.Int) < len(o.lists) {
		return o.lists[v.Int]
	}
	return nil
}
