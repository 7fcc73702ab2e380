// Every string the learner reads in the interactive UI, in one flat table with
// dotted keys (like Starlight's translations/es.json). Components never hold
// literal user-facing text.
export const ui = {
  'run.start': 'Ejecutar',
  'run.stop': 'Detener',
  'run.starting': 'Iniciando…',
  'run.running': 'En marcha',
  'run.stopping': 'Deteniendo…',
  'run.finished': 'Terminado',
  'term.label': 'Terminal',
  'term.close': 'Cerrar terminal',
  'term.noServer':
    'No se pudo conectar con el servidor local. Arráncalo con «npm start» y abre la dirección que imprime (lleva el token).',
  'term.noToken':
    'Esta página no tiene el token de la sesión. Abre la dirección completa que imprimió «npm start» (http://127.0.0.1:…/?token=…).',
  'term.lost': 'Se perdió la conexión con el servidor local.',
  'run.attached': 'Enganchado',
  'maps.title': 'Mapas',
  'maps.live': 'se actualiza mientras se ejecuta',
  'maps.final': 'valores al detenerlo',
  'maps.key': 'Clave',
  'maps.value': 'Valor',
  'maps.empty': 'Sin entradas todavía.',
  'maps.truncated': 'Se muestran solo las primeras entradas.',
  'verifier.title': 'El verificador ha rechazado el programa',
  'verifier.decisive': 'Lo que dice el verificador',
  'verifier.source': 'Línea del código',
  'verifier.why': 'Qué significa',
  'verifier.log': 'Registro completo del verificador',
  'verifier.truncated': '(recortado: se muestra el final, donde está el error)',
  'free.open': 'Abrir terminal',
  'free.reopen': 'Abrir otro terminal',
} as const;
