// The two ends of the sandbox's traffic, run by node inside a namespace (processes/net-workloads.ts):
//   net-peer.mjs serve ADDR PORT,PORT UDPPORT   listeners: each TCP connection gets `hola` and is closed;
//                                               each UDP datagram prints `udp N`; `ready` once listening
//   net-peer.mjs tcp ADDR PORT,PORT TIMEOUT_MS  one connect per port: a JSON line each {port, ok, detail}
//   net-peer.mjs udp ADDR PORT COUNT BYTES      COUNT datagrams of BYTES bytes; `sent N`
// Plain JavaScript: it runs under node alone, without the server's TypeScript loader.
import net from 'node:net';
import dgram from 'node:dgram';

const [mode, addr, a, b, c] = process.argv.slice(2);

function serve() {
  const ports = a.split(',').map(Number);
  let waiting = ports.length + 1;
  const ready = () => --waiting === 0 && process.stdout.write('ready\n');
  for (const port of ports) net.createServer((s) => s.end('hola\n')).listen(port, addr, ready);
  const udp = dgram.createSocket('udp4');
  let n = 0;
  udp.on('message', () => process.stdout.write(`udp ${++n}\n`));
  udp.bind(Number(b), addr, ready);
}

function connectOnce(port, timeoutMs) {
  return new Promise((resolve) => {
    const s = net.connect({ host: addr, port, timeout: timeoutMs });
    let data = '';
    const done = (ok, detail) => {
      s.destroy();
      resolve({ port, ok, detail });
    };
    s.on('data', (d) => (data += d));
    s.on('end', () => done(true, data.trim() || 'conectado'));
    s.on('timeout', () => done(false, 'ETIMEDOUT'));
    s.on('error', (e) => done(false, e.code ?? e.message));
  });
}

async function tcp() {
  for (const port of a.split(',').map(Number)) process.stdout.write(`${JSON.stringify(await connectOnce(port, Number(b)))}\n`);
}

async function udp() {
  const s = dgram.createSocket('udp4');
  const payload = Buffer.alloc(Number(c), 0x61);
  let sent = 0;
  for (let i = 0; i < Number(b); i++) {
    await new Promise((resolve) => s.send(payload, Number(a), addr, (err) => resolve(err ? 0 : sent++)));
  }
  process.stdout.write(`sent ${sent}\n`);
  s.close();
}

if (mode === 'serve') serve();
else if (mode === 'tcp') await tcp();
else if (mode === 'udp') await udp();
else process.exit(2);
