// The launcher, the installer, privileges, private folders and the server's start-up lines.
export const setup = /** @type {const} */ ({
  'launch.unknownTarget': 'Orden desconocida «{target}»: usa start, test, soak o bench.',
  'launch.sudoAsks':
    'Cargar programas en el kernel necesita privilegios de administrador: sudo te pedirá tu contraseña una sola vez, aquí (nunca en la página).',
  'launch.sudoPrompt': '[taller] Contraseña de sudo para %p: ',
  'launch.buildStaysYours': 'El servidor correrá como root; lo que se construye (node_modules, dist, bpf/.output) seguirá siendo tuyo.',
  'launch.testsNeedAdmin': 'Las pruebas cargan programas en tu kernel: {needAdmin}. {fix}',
  'launch.readOnly': 'Puedes leer las lecciones, pero ningún bloque se podrá ejecutar hasta entonces.',
  'launch.reclaimed': 'Se han devuelto a {user} {count} ficheros o carpetas creados como root en el proyecto.',
  'launch.error': 'ERROR: {message}',
  'launch.foreignCheckout':
    'Esta copia del taller ({path}) pertenece a otra cuenta ({owner}): como root ejecutaría su código. Arráncala con esa cuenta, o clona el repositorio en tu carpeta y arranca esa copia.',

  'privileges.needAdmin': 'necesitas privilegios de administrador',
  'privileges.sudoNoTty':
    'sudo necesita tu contraseña y no hay un terminal donde pedirla: ejecuta «sudo -v» y después «npm start» en el mismo terminal.',
  'privileges.noSudo':
    'sudo no está instalado. Como root, instálalo y añade tu cuenta al grupo de administradores («apt-get install sudo && usermod -aG sudo {user}»; en Fedora, Arch u openSUSE el grupo es wheel), cierra la sesión, vuelve a entrar y ejecuta «npm start».',
  'privileges.notSudoer':
    'tu cuenta ({user}) no puede usar sudo. Pide a un administrador que ejecute «usermod -aG sudo {user}» (en Fedora, Arch u openSUSE el grupo es wheel); después cierra la sesión, vuelve a entrar y ejecuta «npm start». Si tu cuenta sí puede usar sudo, ejecuta antes «sudo -v».',

  'steps.npmCi': 'Instalando dependencias de npm (npm ci)…',
  'steps.npmCiFailed': 'npm ci ha fallado; revisa la salida anterior.',
  'steps.missing': 'Faltan: {what}.',
  'steps.installing': 'Instalando ({distro}): {packages}',
  'steps.installFailed': '{cmd} no pudo instalar los paquetes. Prueba a mano: {command}',
  'steps.testsNeedPackages': 'Las pruebas necesitan estos paquetes. Ejecuta: {command}',
  'steps.examplesNeedPackages': 'Los ejemplos que los usan no funcionarán hasta que ejecutes: {command}',
  'steps.cannotInstall': 'No se puede instalar {need}: {why}.',
  'steps.testsMissingTools': 'Faltan herramientas que las pruebas necesitan (ver arriba).',
  'steps.notMounted': '{path} ({type}) no está montado. Para montarlo: sudo mount -t {type} {type} {path}',
  'steps.mounted': 'Montado {type} en {path}.',
  'steps.mountFailed': 'No se pudo montar {type} en {path}; los ejemplos que lo usan fallarán.',
  'steps.makeFailed': 'make -C bpf ha fallado; revisa la salida anterior.',
  'steps.building': 'Construyendo el sitio (astro build)…',
  'steps.buildFailed': 'La construcción del sitio ha fallado; revisa la salida anterior.',
  'steps.built': 'Sitio construido en {seconds} s.',
  'steps.buildingServer': 'Compilando el servidor…',
  'steps.serverBuildFailed': 'La compilación del servidor ha fallado; revisa la salida anterior.',
  'steps.serverBuilt': 'Servidor compilado en {seconds} s.',
  'need.libbpf': 'cabeceras de libbpf',
  'need.uapi': 'cabeceras uapi de Linux',
  'need.ip': 'ip (iproute2, para la red de pruebas de las lecciones de redes)',
  'need.cc': 'compilador de C',
  'need.chromium': 'Chromium (pruebas)',
  'need.sudo': 'sudo (pruebas con otra cuenta)',

  'plan.unknownDistro': 'distribución desconocida',
  'plan.noManager': 'no sé instalar paquetes en {distro}: instálalo con el gestor de tu distribución',
  'plan.and': ' y ',
  'plan.kernelNotPackagedMany':
    '{packages} no están en tus repositorios (tu kernel {kernel} no es uno de los que empaqueta {distro}): usa un kernel de la distribución o compila bpftool desde las fuentes del kernel (tools/bpf/bpftool)',
  'plan.kernelNotPackaged':
    '{packages} no está en tus repositorios (tu kernel {kernel} no es uno de los que empaqueta {distro}): usa un kernel de la distribución o compila bpftool desde las fuentes del kernel (tools/bpf/bpftool)',
  'plan.notInRepos': '{packages} no está en los repositorios configurados de {distro} ({manager})',
  'plan.notInReposMany': '{packages} no están en los repositorios configurados de {distro} ({manager})',
  'plan.installYourself': 'Instala {need} con el gestor de paquetes de tu distribución.',

  'privateDir.untrusted':
    'La carpeta privada del taller {path} no es de confianza: {why}. Nadie más debería poder crearla; bórrala ({sudo}rm -rf {path}) y vuelve a arrancar.',
  'privateDir.symlink': 'es un enlace simbólico',
  'privateDir.notDir': 'no es una carpeta',
  'privateDir.otherOwner': 'pertenece a otro usuario (uid {uid})',
  'sudoShim.option': 'sudo: el taller ya se ejecuta como root y no admite la opción',
  'sudoShim.usage': 'uso: sudo orden [argumentos…]',

  'server.cleaned': 'Limpiados {count} restos de una ejecución anterior del servidor.',
  'server.requirements': 'Requisitos: {summary}.',
  'server.requirementsDetails': 'Requisitos: {summary} (detalles: npm run doctor).',
  'server.notLoopback':
    '⚠⚠⚠  ATENCIÓN: escuchando en {host}, no solo en loopback.\n[taller] ⚠  Este servidor ejecuta programas como {who} en esta máquina. Cualquiera que alcance esta dirección y tenga el token puede usarlo.',
  'server.asYou': 'tu usuario',
  'server.blocks': '{count} bloques ejecutables; terminales: máximo {max}.',
  'server.blocksNoCgroups': '{count} bloques ejecutables; terminales: máximo {max} (sin cgroups: se usa la marca de entorno).',
  'server.warmed':
    'Programas de las lecciones compilados de antemano: {compiled} nuevos, {cached} ya estaban (en {seconds} s). El primer Ejecutar de cada uno ya no espera a clang.',
  'server.ready': 'Taller eBPF listo. Abre esta dirección en tu navegador (Ctrl-C para salir):',
  'server.portInUse': 'El puerto {port} ya está en uso. Usa otro: PORT=4322 npm start',
  'server.error': 'Error del servidor: {message}',
  'server.closing': '{signal} recibido: cerrando…',
  'config.notInteger': '{name} debe ser un entero no negativo (recibido «{value}»).',
});
