// The editor's colours: the github-dark / github-light palettes computed at
// build time from the same Shiki themes and contrast rule Expressive Code uses
// for the static blocks (src/lib/editor-palette.ts, injected by
// astro.config.mjs). Each CodeMirror highlight tag takes the colour of the
// TextMate scope Shiki's C grammar gives the same token.
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t, type Tag } from '@lezer/highlight';
import type { EditorPalette, EditorScope } from '../lib/editor-palette.ts';

declare const __TALLER_EDITOR_PALETTES__: Record<'dark' | 'light', EditorPalette>;

const TAGS: Array<[Tag[], EditorScope]> = [
  [[t.comment, t.lineComment, t.blockComment], 'comment'],
  [[t.string, t.character, t.special(t.string)], 'string'],
  [[t.number, t.bool, t.null, t.atom], 'constant.numeric'],
  [[t.keyword, t.controlKeyword, t.modifier, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword, t.self], 'keyword'],
  [[t.operator, t.derefOperator], 'keyword.operator'],
  [[t.typeName, t.standard(t.typeName)], 'storage.type'],
  [[t.processingInstruction, t.macroName], 'keyword.control.directive'],
  [[t.function(t.variableName), t.function(t.definition(t.variableName)), t.function(t.propertyName)], 'entity.name.function'],
  [[t.className, t.namespace], 'entity.name.type'],
  [[t.special(t.variableName)], 'variable'],
  [[t.variableName, t.propertyName], 'variable.other'],
  [[t.invalid], 'invalid.illegal'],
];

function build(p: EditorPalette): Extension {
  const chrome = EditorView.theme(
    {
      '&': { color: p.foreground, backgroundColor: p.background },
      '.cm-content': { caretColor: p.caret },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: p.caret },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
        backgroundColor: p.selection,
      },
      '.cm-activeLine': { backgroundColor: p.activeLine },
      '.cm-gutters': { backgroundColor: p.background, color: p.gutter, border: 'none' },
      '.cm-activeLineGutter': { backgroundColor: p.activeLine, color: p.activeGutter },
      '.cm-tooltip, .cm-panels': { backgroundColor: p.widget, color: p.foreground },
      '.cm-foldPlaceholder': { backgroundColor: 'transparent', border: 'none', color: p.gutter },
      '&.cm-focused .cm-matchingBracket, .cm-matchingBracket': { backgroundColor: 'transparent', outline: `1px solid ${p.bracket}` },
    },
    { dark: p.dark },
  );
  const style = HighlightStyle.define(
    TAGS.map(([tag, scope]) => ({ tag, color: p.scopes[scope] })),
    { themeType: p.dark ? 'dark' : 'light' },
  );
  return [chrome, syntaxHighlighting(style)];
}

const built = new Map<'dark' | 'light', Extension>();

/** The editor theme for one of Starlight's colour schemes. */
export function editorTheme(scheme: 'dark' | 'light'): Extension {
  let ext = built.get(scheme);
  if (!ext) built.set(scheme, (ext = build(__TALLER_EDITOR_PALETTES__[scheme])));
  return ext;
}

/** Starlight's current scheme: `data-theme` on <html> (from localStorage 'starlight-theme'). */
export function currentScheme(): 'dark' | 'light' {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}
