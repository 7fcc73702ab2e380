// The texts a lesson's page shows before the learner does anything: the answer of the local
// server's readiness checks on each block (src/client/readiness.ts, variants.ts). A table of
// its own, so that a page does not load every text of the interactive UI (ui-strings.ts, which
// includes this one) just to show them; the rest comes with the terminal's code.
export const readyUi = {
  'ready.yes': 'Tu máquina puede ejecutarlo.',
  'workload.exec': 'Lanzar un programa 3 veces',
  'workload.open': 'Abrir un fichero 5 veces',
  'workload.read': 'Generar lecturas',
  'workload.unlink': 'Borrar 3 ficheros',
  'workload.readline': 'Escribir órdenes en bash',
  'workload.ping': 'Hacer ping (3 paquetes)',
  'workload.tcp': 'Conectar por TCP (8080 y 9090)',
  'workload.udp': 'Enviar 10 datagramas UDP',
  'workload.red': 'Ping, TCP y UDP',
  'workload.mkdir': 'Crear 2 carpetas',
  'variant.yours': 'Tu bpftrace es la {version}: esta es la forma que entiende.',
  'variant.yoursWithNote': 'Tu bpftrace es la {version}: esta es la forma que entiende ({note}).',
  'variant.showOthers': 'Ver también la otra forma',
} as const;
