// The run table: every runnable block of every lesson, rebuilt at start from
// the lesson sources with the same rules the build uses (lib/lessons/).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { visit } from 'unist-util-visit';
import type { Code } from 'mdast';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { readFence } from '../../lib/lessons/fence.ts';
import { lessonSlug } from '../../lib/lessons/order.ts';

import yaml from 'js-yaml';
import { lessonExtension } from '../../lib/lessons/schema.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { lessons as t } from '../../lib/messages/es/lessons.mjs';

export type RunTable = ReadonlyMap<string, RunnableBlock>;

/** What a lesson declares it needs (frontmatter `requires`). */
export type LessonRequires = NonNullable<ReturnType<typeof lessonExtension.parse>['requires']>;

/** Each lesson's `requires`, by slug (validated with the build's own schema). */
export function loadLessonRequires(contentDir: string): Map<string, LessonRequires> {
  const out = new Map<string, LessonRequires>();
  for (const file of readdirSync(contentDir).filter((f) => /\.mdx?$/.test(f))) {
    const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(contentDir, file), 'utf8'));
    if (!m) continue;
    const data = yaml.load(m[1]) as Record<string, unknown> | null;
    const parsed = lessonExtension.safeParse({ requires: data?.requires });
    if (parsed.success && parsed.data.requires) out.set(lessonSlug(file), parsed.data.requires);
  }
  return out;
}

export function blocksOf(source: string, lesson: string): RunnableBlock[] {
  const tree = unified().use(remarkParse).use(remarkMdx).parse(source);
  const out: RunnableBlock[] = [];
  visit(tree, 'code', (node: Code) => {
    const { block } = readFence(node.lang, node.meta, node.value, lesson);
    if (block) out.push(block);
  });
  return out;
}

export function loadRunTable(contentDir: string): RunTable {
  const table = new Map<string, RunnableBlock>();
  for (const file of readdirSync(contentDir)
    .filter((f) => /\.mdx?$/.test(f))
    .sort()) {
    const lesson = lessonSlug(file);
    for (const block of blocksOf(readFileSync(join(contentDir, file), 'utf8'), lesson)) {
      const prev = table.get(block.id);
      if (prev) {
        throw new Error(fill(t['block.duplicateId'], { id: block.id, first: prev.lesson, second: lesson }));
      }
      table.set(block.id, block);
    }
  }
  return table;
}
