// Remark plugin: wraps every fence marked `run="id"` in a container that the
// client script turns into a runnable block, and adds the static Run button.
import { readFileSync } from 'node:fs';
import { visit } from 'unist-util-visit';
import type { Root, Code, Parent } from 'mdast';
import { describeRunnable, fileFromMeta } from './runnable.ts';
import { lessonSlug } from './lesson-order.ts';
import { ui } from './ui-strings.ts';

function attr(name: string, value: string) {
  return { type: 'mdxJsxAttribute', name, value };
}

const ROOT = new URL('../../', import.meta.url);

/** Reads a `file="bpf/…"` include; a missing file fails the build with its name. */
export function readIncluded(file: string, lesson: string): string {
  try {
    return readFileSync(new URL(file, ROOT), 'utf8').replace(/\s+$/, '');
  } catch {
    throw new Error(`Lección «${lesson}»: el bloque incluye «${file}», que no existe.`);
  }
}

/**
 * A fence as both the build and the server read it: its code (with a
 * `file="bpf/…"` include resolved) and, when it is marked `run="id"`, its block.
 */
export function readFence(lang: string | null | undefined, meta: string | null | undefined, value: string, lesson: string) {
  const included = fileFromMeta(meta);
  const code = included ? readIncluded(included, lesson) : value;
  return { code, block: describeRunnable(lang, meta, code, lesson) };
}

export function remarkRunnable() {
  return (tree: Root, file: { path?: string; history?: string[] }) => {
    const lesson = lessonSlug(file.path ?? file.history?.[0] ?? 'desconocida');
    const seen = new Set<string>();
    visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const { code, block } = readFence(node.lang, node.meta, node.value, lesson);
      node.value = code;
      if (!block) return;
      if (seen.has(block.id)) {
        throw new Error(`Lección «${lesson}»: el identificador «${block.id}» está repetido.`);
      }
      seen.add(block.id);
      const button = {
        type: 'mdxJsxFlowElement',
        name: 'button',
        attributes: [attr('type', 'button'), attr('class', 'run-btn'), attr('data-run-id', block.id)],
        children: [{ type: 'text', value: ui['run.start'] }],
      };
      const status = {
        type: 'mdxJsxFlowElement',
        name: 'span',
        attributes: [attr('class', 'run-status'), attr('data-run-status', ''), attr('aria-live', 'polite')],
        children: [],
      };
      const bar = {
        type: 'mdxJsxFlowElement',
        name: 'div',
        attributes: [attr('class', 'run-bar not-content')],
        children: [button, status],
      };
      const wrapper = {
        type: 'mdxJsxFlowElement',
        name: 'div',
        attributes: [
          attr('class', 'runnable'),
          attr('data-run-id', block.id),
          attr('data-run-kind', block.kind),
          attr('data-file-name', block.fileName),
        ],
        children: [node, bar],
      };
      (parent.children as unknown[])[index] = wrapper;
      return 'skip';
    });
  };
}
