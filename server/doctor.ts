// `npm run doctor`: the requirements checks in the terminal.
//   npm run doctor             report with a summary (coloured on a terminal, unless NO_COLOR is set)
//   npm run doctor -- --json   JSON array [{id, status, title, detail, fix}]
// Exit 0 when everything the lessons need is ok, 1 otherwise.
import { checkThisMachine } from './requirements/index.ts';
import { allNeededOk } from './requirements/checks.ts';
import { formatReport, wantColour } from './requirements/report.ts';

const json = process.argv.includes('--json');
const checks = await checkThisMachine(new URL('../bpf/.output/runner', import.meta.url).pathname);
if (json) process.stdout.write(JSON.stringify(checks, null, 2) + '\n');
else process.stdout.write(formatReport(checks, wantColour(process.stdout.isTTY, process.env)) + '\n');
process.exitCode = allNeededOk(checks) ? 0 : 1;
