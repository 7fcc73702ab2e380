import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lessonSlug, orderedLessonSlugs } from '../../lib/lessons/order.ts';

test('lessonSlug strips the numeric prefix and the extension', () => {
  assert.equal(lessonSlug('02-primer-programa.mdx'), 'primer-programa');
  assert.equal(lessonSlug('content/10-x.md'), 'x');
  assert.equal(lessonSlug('index.mdx'), 'index');
});

test('orderedLessonSlugs orders by number, not by name, and skips unnumbered files', () => {
  assert.deepEqual(orderedLessonSlugs(['10-z.mdx', '2-b.mdx', 'index.mdx', '01-a.mdx']), ['a', 'b', 'z']);
});
