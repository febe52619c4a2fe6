// The vouch's memory past the text: a bump allocator that grows the memory, record tables that
// grow as they fill, and one open-addressing table of names (offsets into the text, their FNV-1a
// hashes always confirmed byte for byte), each name in a scope.

/** No record, no value: a name not found. */
export const NONE: u32 = 0xffffffff;

let bump: usize = 0;

/** Room for `bytes` more at the end of what is used, growing the memory if needed. */
export function take(bytes: usize): usize {
  const at = (bump + 7) & ~(<usize>7);
  bump = at + bytes;
  const have = <usize>memory.size() << 16;
  if (bump > have) {
    const pages = <i32>((bump - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
  return at;
}

let hashAt: usize = 0;
let hashMask: u32 = 0;
let hashCount: u32 = 0;
const HASH_WORDS: u32 = 5; // scope, hash, start, length, value
let recordTablesAt: usize = 0;

function resetRecords(table: u32, words: u32): void {
  const d = recordTablesAt + (<usize>table << 4);
  store<u32>(d, <u32>take(<usize>(64 * words) << 2));
  store<u32>(d, 0, 4);
  store<u32>(d, 64, 8);
  store<u32>(d, words, 12);
}

/** A new record of `table`; its index. */
export function add(table: u32): u32 {
  const d = recordTablesAt + (<usize>table << 4);
  const count = load<u32>(d, 4);
  const capacity = load<u32>(d, 8);
  if (count == capacity) {
    const bytes = <usize>(capacity * load<u32>(d, 12)) << 2;
    const at = take(bytes << 1);
    memory.copy(at, <usize>load<u32>(d), bytes);
    store<u32>(d, <u32>at);
    store<u32>(d, capacity << 1, 8);
  }
  store<u32>(d, count + 1, 4);
  return count;
}

@inline export function count(table: u32): u32 {
  return load<u32>(recordTablesAt + (<usize>table << 4), 4);
}

/** Where word `field` of record `index` of `table` is. */
@inline export function rec(table: u32, words: u32, index: u32, field: u32): usize {
  return <usize>load<u32>(recordTablesAt + (<usize>table << 4)) + ((<usize>(index * words + field)) << 2);
}

@inline export function fnv(at: usize, end: usize): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let i = at; i < end; i++) hash = (hash ^ <u32>load<u8>(i)) * 0x01000193;
  return hash;
}

export function sameBytes(a: usize, b: usize, length: u32): bool {
  let i: usize = 0;
  for (; i + 8 <= <usize>length; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < <usize>length; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** The slot of name [at, at+length) in `scope`: where it is, or the empty slot where it would go. */
function slotOf(scope: u32, hash: u32, at: usize, length: u32): usize {
  let slot = (hash ^ (scope * 0x9e3779b1)) & hashMask;
  while (true) {
    // Names chosen to share a hash would make every lookup walk them all: the probes have a budget,
    // and past it the vouch traps, which its caller takes as "not known".
    if (--probes < 0) unreachable();
    const entry = hashAt + (<usize>(slot * HASH_WORDS) << 2);
    const s = load<u32>(entry);
    if (s == 0) return entry;
    if (s == scope && load<u32>(entry, 4) == hash && load<u32>(entry, 12) == length && sameBytes(<usize>load<u32>(entry, 8), at, length)) return entry;
    slot = (slot + 1) & hashMask;
  }
}

/** A table of `slots` (a power of two) empty slots; the entries of the table before moved into it. */
function rehash(slots: u32): void {
  const oldAt = hashAt;
  const oldSlots = hashMask + 1;
  hashAt = take(<usize>slots * (HASH_WORDS << 2));
  memory.fill(hashAt, 0, <usize>slots * (HASH_WORDS << 2));
  hashMask = slots - 1;
  if (oldAt == 0) return;
  for (let i: u32 = 0; i < oldSlots; i++) {
    const entry = oldAt + (<usize>(i * HASH_WORDS) << 2);
    if (load<u32>(entry) == 0) continue;
    memory.copy(slotOf(load<u32>(entry), load<u32>(entry, 4), <usize>load<u32>(entry, 8), load<u32>(entry, 12)), entry, HASH_WORDS << 2);
  }
}

/** Slots the table's lookups may still visit (a few per byte of the text). */
let probes: i64 = 0;

/** Enters name [at, at+length) in `scope` with `value`; false when it is there already. */
export function enter(scope: u32, hash: u32, at: usize, length: u32, value: u32): bool {
  // Grown at half full: most names are looked up once more, and a small table stays in the caches.
  if (hashCount * 2 >= hashMask) rehash((hashMask + 1) * 4);
  const entry = slotOf(scope, hash, at, length);
  if (load<u32>(entry) != 0) return false;
  hashCount++;
  store<u32>(entry, scope);
  store<u32>(entry, hash, 4);
  store<u32>(entry, <u32>at, 8);
  store<u32>(entry, length, 12);
  store<u32>(entry, value, 16);
  return true;
}

/** The value of name [at, at+length) in `scope`, or NONE. */
export function find(scope: u32, hash: u32, at: usize, length: u32): u32 {
  const entry = slotOf(scope, hash, at, length);
  return load<u32>(entry) == 0 ? NONE : load<u32>(entry, 16);
}

/**
 * Starts the reading's memory at `at` (past the text and the 16 bytes the line loops may read after
 * it): `tables` record tables, of the words per record given, and an empty names table whose lookups
 * may visit `probeBudget` slots.
 */
export function startMemory(at: usize, tables: StaticArray<u32>, probeBudget: i64): void {
  bump = at;
  recordTablesAt = take(<usize>tables.length << 4);
  for (let t = 0; t < tables.length; t++) resetRecords(<u32>t, tables[t]);
  hashAt = 0;
  hashMask = 0;
  hashCount = 0;
  probes = probeBudget;
  rehash(4096);
}
