// Every string the learner reads in the interactive UI, in one flat table with
// dotted keys (like Starlight's translations/es.json). Components never hold
// literal user-facing text.
export const ui = {
  'run.start': 'Ejecutar',
  'run.stop': 'Detener',
  'run.starting': 'Iniciando…',
} as const;
