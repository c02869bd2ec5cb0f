// The byte tags of the canonical state encoding, shared by the encoder and the decoder.
// Changing a tag changes every fingerprint: results/ would have to be re-recorded.

export const TAG_NULL = 0;
export const TAG_FALSE = 1;
export const TAG_TRUE = 2;
export const TAG_INT = 3; // int32, 4 bytes little-endian
export const TAG_FLOAT = 4; // float64, 8 bytes
export const TAG_STRING = 5; // varint length, then UTF-16 code units (2 bytes each)
export const TAG_LIST = 6; // varint size, elements in order
export const TAG_MAP = 7; // varint size, (key, value) pairs sorted by key bytes
export const TAG_ORDERED_MAP = 8; // varint size, pairs in insertion order
export const TAG_SET = 9; // varint size, elements sorted by their bytes
export const TAG_ORDERED_SET = 10; // varint size, elements in insertion order
export const TAG_RECORD = 11; // u32 record-type id, then fields in declared order
export const TAG_STACK = 12; // varint size, elements top first
/** Tags 128..255 are the integers 0..127 in one byte: most model counters are small. */
export const TAG_SMALL_INT = 0x80;
