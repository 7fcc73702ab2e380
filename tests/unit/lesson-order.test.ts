import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lessonSlug, orderedLessonSlugs } from '../../lib/lessons/order.ts';
import { SECTIONS, lessonsBySection } from '../../lib/lessons/sections.ts';

test('lessonSlug strips the numeric prefix and the extension', () => {
  assert.equal(lessonSlug('02-primer-programa.mdx'), 'primer-programa');
  assert.equal(lessonSlug('content/10-x.md'), 'x');
  assert.equal(lessonSlug('index.mdx'), 'index');
});

test('orderedLessonSlugs orders by number, not by name, and skips unnumbered files', () => {
  assert.deepEqual(orderedLessonSlugs(['10-z.mdx', '2-b.mdx', 'index.mdx', '01-a.mdx']), ['a', 'b', 'z']);
});

test('lessonsBySection puts each lesson in the section its number falls in, in order, and leaves empty sections out', () => {
  const got = lessonsBySection(['12-c.mdx', '01-a.mdx', '06-b.mdx', '90-z.mdx', 'index.mdx', '05-a2.md']);
  assert.deepEqual(
    got.map((s) => [s.key, s.lessons.map((l) => l.slug)]),
    [
      ['fundamentos', ['a', 'a2']],
      ['programar', ['b']],
      ['observabilidad', ['c']],
      ['seguir', ['z']],
    ],
  );
  for (const s of got) assert.ok(s.label && s.summary, `${s.key} has a Spanish label and summary`);
});

test('the sections start in increasing lesson numbers, so that each lesson has exactly one', () => {
  for (let i = 1; i < SECTIONS.length; i++) assert.ok(SECTIONS[i].from > SECTIONS[i - 1].from);
  assert.equal(SECTIONS[0].from, 1);
});
