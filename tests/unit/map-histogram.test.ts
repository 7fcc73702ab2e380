// A C map named as a log2 histogram (`hist`, `*_hist`, `*_ns_hist`…) is drawn as bars in slot order
// (src/client/charts.ts, mapHistogram). The dumps below are real `maps` events of the runner
// (bpf/runner/maps.c): an array, and a per-CPU array whose integer copies the runner already summed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BpfMapDump } from '../../lib/protocol.ts';
import { mapHistogram, powerLabel, slotLabel } from '../../src/client/charts.ts';

// bpf/read_latency.bpf.c (PERCPU_ARRAY) on this machine's two CPUs, after a second of reads.
const PERCPU: BpfMapDump = {
  name: 'read_ns_hist',
  type: 'percpu_array',
  entries: [
    { key: 9, value: 8848 },
    { key: 10, value: 355 },
    { key: 11, value: 184 },
    { key: 12, value: 84 },
    { key: 17, value: 16 },
    { key: 19, value: 5 },
    { key: 29, value: 4 },
  ],
  truncated: false,
};

// The same program with an ARRAY, __sync_fetch_and_add and the delta divided by 1000.
const ARRAY: BpfMapDump = {
  name: 'lat_us_hist',
  type: 'array',
  entries: [
    { key: 0, value: 25201 },
    { key: 1, value: 4772 },
    { key: 2, value: 436 },
    { key: 5, value: 136 },
  ],
  truncated: false,
};

// Its companion hash map (TID → entry time) is a table, never a chart.
const START: BpfMapDump = {
  name: 'start',
  type: 'lru_hash',
  entries: [{ key: 13149, value: 19870748049120 }],
  truncated: false,
};

test('a per-CPU array named *_ns_hist: bars from the lowest used slot to the highest, gaps as zero, in ns', () => {
  const h = mapHistogram(PERCPU);
  assert.ok(h);
  assert.equal(h.unit, 'ns');
  assert.deepEqual(
    h.bars.map((b) => b.slot),
    Array.from({ length: 29 - 9 + 1 }, (_, i) => 9 + i),
  );
  assert.deepEqual(h.bars[0], { slot: 9, label: '512 – 1K ns', value: 8848 });
  assert.deepEqual(h.bars[1], { slot: 10, label: '1K – 2K ns', value: 355 });
  assert.equal(h.bars.find((b) => b.slot === 13)?.value, 0);
  assert.equal(h.bars.at(-1)?.label, '512M – 1G ns');
  assert.equal(h.total, 8848 + 355 + 184 + 84 + 16 + 5 + 4);
});

test('an array named *_us_hist: slot 0 starts at 0, labels in µs', () => {
  const h = mapHistogram(ARRAY);
  assert.ok(h);
  assert.equal(h.unit, 'µs');
  assert.deepEqual(
    h.bars.map((b) => [b.label, b.value]),
    [
      ['0 – 2 µs', 25201],
      ['2 – 4 µs', 4772],
      ['4 – 8 µs', 436],
      ['8 – 16 µs', 0],
      ['16 – 32 µs', 0],
      ['32 – 64 µs', 136],
    ],
  );
  assert.equal(h.total, 25201 + 4772 + 436 + 136);
});

test('per-CPU values the runner could not sum (one per CPU) are added up', () => {
  const h = mapHistogram({ name: 'hist', type: 'percpu_array', entries: [{ key: 3, value: [2, 5] }], truncated: false });
  assert.deepEqual(h?.bars, [{ slot: 3, label: '8 – 16', value: 7 }]);
  assert.equal(h?.unit, '');
});

test('an empty histogram has no bars; the total grows with the dumps', () => {
  assert.deepEqual(mapHistogram({ ...PERCPU, entries: [] }), { name: 'read_ns_hist', unit: 'ns', bars: [], total: 0 });
  const later = { ...PERCPU, entries: PERCPU.entries.map((e) => ({ ...e, value: (e.value as number) + 1 })) };
  assert.ok(mapHistogram(later)!.total > mapHistogram(PERCPU)!.total);
});

test('only arrays named hist or *_hist with slot keys and counts are histograms', () => {
  assert.equal(mapHistogram(START), null);
  assert.equal(mapHistogram({ ...ARRAY, name: 'history' }), null);
  assert.equal(mapHistogram({ ...ARRAY, name: 'myhist' }), null);
  assert.equal(mapHistogram({ ...ARRAY, type: 'hash' }), null);
  assert.equal(mapHistogram({ ...ARRAY, entries: [{ key: { comm: 'bash' }, value: 1 }] }), null);
  assert.equal(mapHistogram({ ...ARRAY, entries: [{ key: 64, value: 1 }] }), null);
  assert.equal(mapHistogram({ ...ARRAY, entries: [{ key: 1, value: { a: 1 } }] }), null);
  assert.equal(mapHistogram({ ...ARRAY, name: 'size_hist' })?.unit, '');
  assert.equal(mapHistogram({ ...ARRAY, name: 'ms_hist' })?.unit, 'ms');
});

test('powers of two read like bpftrace’s hist(): 512, 1K, 2M, 4G', () => {
  assert.deepEqual([0, 9, 10, 21, 32, 63].map(powerLabel), ['1', '512', '1K', '2M', '4G', '8E']);
  assert.equal(slotLabel(0, 'ns'), '0 – 2 ns');
  assert.equal(slotLabel(31, ''), '2G – 4G');
});
