// Remark plugin: wraps every fence marked `run="id"` in a container that the
// client script turns into a runnable block, and adds the static Run button.
// In MDX lessons, it also places the kernel lab's «Probado en» line under each
// block (src/components/BlockCompat.astro, imported by the plugin).
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIP, visit } from 'unist-util-visit';
import type { Root, Code, Parent } from 'mdast';
import { readFence } from '../../lib/lessons/fence.ts';
import { variantFromMeta, type VariantMeta } from '../../lib/lessons/runnable.ts';
import { lessonSlug } from '../../lib/lessons/order.ts';
import { staticUi, ui } from './ui-strings.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { lessons as t } from '../../lib/messages/es/lessons.mjs';
import { blockAnchor, toolsOf } from './compat-view.ts';
import { configBounds, type ConfigVar } from '../../lib/lessons/config.ts';

/** The component under each block, and the name the plugin imports it as. */
const COMPAT_COMPONENT = fileURLToPath(new URL('../components/BlockCompat.astro', import.meta.url));
const COMPAT_NAME = 'TallerBlockCompat';

function attr(name: string, value: string) {
  return { type: 'mdxJsxAttribute', name, value };
}

/** `import TallerBlockCompat from '<path>'`, as an MDX ESM node (with the estree MDX compiles). */
function compatImport(fromFile: string) {
  let path = relative(dirname(resolve(fromFile)), COMPAT_COMPONENT);
  if (!path.startsWith('.')) path = `./${path}`;
  const value = `import ${COMPAT_NAME} from ${JSON.stringify(path)};`;
  return {
    type: 'mdxjsEsm',
    value,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name: COMPAT_NAME } }],
            source: { type: 'Literal', value: path, raw: JSON.stringify(path) },
          },
        ],
      },
    },
  };
}

/**
 * One form of a snippet (`variant="grupo"`): its label and the fence (with its bar and «Probado en» line) in
 * one container, so that the page can hide the whole form (src/client/variants.ts).
 */
function variantBox(v: VariantMeta, children: unknown[]) {
  const base = v.bpftraceMin ? fill(staticUi['variant.min'], { min: v.bpftraceMin }) : staticUi['variant.any'];
  const label = {
    type: 'mdxJsxFlowElement',
    name: 'p',
    attributes: [attr('class', 'variant-label not-content'), attr('data-variant-label', '')],
    children: [{ type: 'text', value: v.note ? fill(staticUi['variant.withNote'], { base, note: v.note }) : base }],
  };
  const attributes = [attr('class', 'variant'), attr('data-variant', v.group)];
  if (v.bpftraceMin) attributes.push(attr('data-bpftrace-min', v.bpftraceMin));
  if (v.note) attributes.push(attr('data-variant-note', v.note));
  return { type: 'mdxJsxFlowElement', name: 'div', attributes, children: [label, ...children] };
}

function element(name: string, attributes: ReturnType<typeof attr>[], children: unknown[] = []) {
  return { type: 'mdxJsxFlowElement', name, attributes, children };
}

/**
 * One labelled input for each settable global (src/client/run-config.ts reads them when
 * Ejecutar is pressed); the hint says what the server accepts.
 */
function configInputs(blockId: string, vars: ConfigVar[]) {
  const fields = vars.map((v) => {
    const inputId = `config-${blockId}-${v.name}`;
    const hintId = `${inputId}-hint`;
    const b = configBounds(v);
    const hint =
      v.type === 'texto' ? fill(ui['config.text'], { max: b.max }) : fill(ui['config.integer'], { min: b.min ?? '0', max: b.max });
    const input = element('input', [
      attr('id', inputId),
      attr('type', 'text'),
      attr('class', 'run-config-input'),
      attr('data-config-name', v.name),
      attr('value', v.default),
      attr('spellcheck', 'false'),
      attr('autocomplete', 'off'),
      attr('aria-describedby', hintId),
      ...(v.type === 'texto' ? [attr('maxlength', b.max)] : [attr('inputmode', v.type.startsWith('s') ? 'text' : 'numeric')]),
    ]);
    return element(
      'div',
      [attr('class', 'run-config-field')],
      [
        element('label', [attr('for', inputId)], [{ type: 'inlineCode', value: v.name }]),
        input,
        element('span', [attr('id', hintId), attr('class', 'run-config-hint')], [{ type: 'text', value: hint }]),
      ],
    );
  });
  return element(
    'fieldset',
    [attr('class', 'run-config not-content')],
    [element('legend', [], [{ type: 'text', value: ui['config.legend'] }]), ...fields],
  );
}

export function remarkRunnable() {
  return (tree: Root, file: { path?: string; history?: string[] }) => {
    const path = file.path ?? file.history?.[0];
    const lesson = lessonSlug(path ?? t['lesson.unknown']);
    // Only MDX can hold a component; plain Markdown gets the blocks without the line.
    const mdx = Boolean(path?.endsWith('.mdx'));
    const seen = new Set<string>();
    const groups = new Map<string, number>();
    visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const { code, block } = readFence(node.lang, node.meta, node.value, lesson);
      node.value = code;
      const variant = variantFromMeta(node.meta, lesson);
      if (variant) groups.set(variant.group, (groups.get(variant.group) ?? 0) + 1);
      if (!block) {
        if (!variant) return;
        (parent.children as unknown[])[index] = variantBox(variant, [node]);
        return SKIP;
      }
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
          attr('id', blockAnchor(block.id)),
          attr('data-run-id', block.id),
          attr('data-run-kind', block.kind),
          attr('data-file-name', block.fileName),
          // The editable frame's label, set by the page's boot script (which carries no texts of its own).
          attr('data-edit-label', ui['edit.open']),
        ],
        children: block.config ? [node, configInputs(block.id, block.config), bar] : [node, bar],
      };
      const compat = mdx && {
        type: 'mdxJsxFlowElement',
        name: COMPAT_NAME,
        attributes: [attr('block', block.id), attr('tools', toolsOf(block.kind, block.code).join(','))],
        children: [],
      };
      const parts = compat ? [wrapper, compat] : [wrapper];
      const placed = variant ? [variantBox(variant, parts)] : parts;
      (parent.children as unknown[]).splice(index, 1, ...placed);
      return [SKIP, index + placed.length];
    });
    for (const [group, count] of groups) if (count < 2) throw new Error(fill(t['block.variantAlone'], { lesson, group }));
    if (mdx && seen.size > 0) (tree.children as unknown[]).unshift(compatImport(path!));
  };
}
