// Remark plugin: wraps every fence marked `run="id"` in a container that the
// client script turns into a runnable block, and adds the static Run button.
import { visit } from 'unist-util-visit';
import type { Root, Code, Parent } from 'mdast';
import { readFence } from '../../lib/lessons/fence.ts';
import { lessonSlug } from '../../lib/lessons/order.ts';
import { ui } from './ui-strings.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { lessons as t } from '../../lib/messages/es/lessons.mjs';

function attr(name: string, value: string) {
  return { type: 'mdxJsxAttribute', name, value };
}

export function remarkRunnable() {
  return (tree: Root, file: { path?: string; history?: string[] }) => {
    const lesson = lessonSlug(file.path ?? file.history?.[0] ?? t['lesson.unknown']);
    const seen = new Set<string>();
    visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const { code, block } = readFence(node.lang, node.meta, node.value, lesson);
      node.value = code;
      if (!block) return;
      if (seen.has(block.id)) {
        throw new Error(fill(t['block.repeatedId'], { lesson, id: block.id }));
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
