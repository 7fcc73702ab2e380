// Fills a catalogue template: `{name}` is replaced by `params.name`. A placeholder
// without a value stays visible (`{name}`), so a mistake shows instead of vanishing.
// Catalogues (lib/messages/es/*.mjs) hold every sentence a learner reads outside
// the page's own ui-strings: one file per area, flat dotted keys, like Starlight's
// translations. Plain JavaScript: the installer uses them before `npm ci`.

/**
 * @param {string} template
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function fill(template, params = {}) {
  return template.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The placeholders a template uses, in order of first use. @param {string} template */
export function placeholders(template) {
  return [...new Set([...template.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g)].map((m) => m[1]))];
}
