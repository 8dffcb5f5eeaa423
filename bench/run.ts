import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/harness/chromium.ts';
import { repoRoot, startSite, staticFiles } from '../scripts/server.ts';
import { measureSizes } from '../scripts/size.ts';
import { profileCalls, type Split } from './profile.ts';

/**
 * `npm run bench`: frameport against baselines measured in the same run, in Chromium, between
 * two cross-site frames (host on localhost, guest on 127.0.0.1). Every figure is a median over
 * repeated rounds and is reported as a ratio to its baseline; nothing here is a pass/fail timer.
 */
interface Row {
  measure: string;
  frameport: string;
  baseline: string;
  ratio: number | undefined;
  target: string;
}

const fixed = (value: number, digits = 3): string => value.toFixed(digits);
/** A row of frameport's figure against its baseline's, measured in the same run. */
const versus = (measure: string, frameport: number, baseline: number, target = '', digits = 3): Row => ({
  measure,
  frameport: fixed(frameport, digits),
  baseline: fixed(baseline, digits),
  ratio: frameport / baseline,
  target,
});
const bench = <T>(page: Page, script: string): Promise<T> => page.evaluate(script) as Promise<T>;

// Import maps do not reach workers: the frameport worker is bundled, as an app's bundler would.
mkdirSync(join(repoRoot, 'bench/pages/built'), { recursive: true });
for (const name of ['worker-frameport', 'worker-penpal']) {
  await build({
    entryPoints: [join(repoRoot, `bench/pages/${name}.js`)],
    bundle: true,
    format: 'esm',
    minify: true,
    // worker-work.js sets a global; the repo's `sideEffects` list would otherwise drop it.
    ignoreAnnotations: true,
    outfile: join(repoRoot, `bench/pages/built/${name}.mjs`),
    logLevel: 'silent',
  });
}

const handlers = [staticFiles({ folders: ['bench', 'dist', 'node_modules'] })];
const host = await startSite({ hostname: 'localhost', handlers });
const guest = await startSite({ hostname: '127.0.0.1', handlers });
// A second widget's site, for two widgets cross-site to each other (introductions).
const other = await startSite({ hostname: '127.0.0.2', handlers });
const chromium = await launchChromium();
const version = `Chromium ${chromium.browser.version()}`;
const rows: Row[] = [];
const profiles: Partial<Record<'penpal' | 'frameport', { host: Split; guest: Split }>> = {};
try {
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(
    `${host.origin}/bench/pages/host.html?guest=${encodeURIComponent(guest.origin)}&other=${encodeURIComponent(other.origin)}`,
  );
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  const log = (what: string): void => console.error(`bench: ${what}`);

  log('calls');
  type Calls = { roundTrip: number; throughput: number };
  const { port, penpal, frameport } = await bench<Record<'port' | 'penpal' | 'frameport', Calls>>(page, 'bench.calls()');
  rows.push(
    versus('call round trip, ms (vs bare MessagePort echo)', frameport.roundTrip, port.roundTrip, '≤ 1.1'),
    versus('call round trip, ms (vs plain penpal)', frameport.roundTrip, penpal.roundTrip),
    versus('pipelined calls per s (vs bare MessagePort echo)', frameport.throughput, port.throughput, '≥ 0.9', 0),
    versus('pipelined calls per s (vs plain penpal)', frameport.throughput, penpal.throughput, '', 0),
  );

  log('introductions');
  const introduced = await bench<{ line: number; bare: number; introduce: number; answered: number; plain: number; handOver: number }>(
    page,
    'bench.introductions()',
  );
  rows.push(
    versus(
      'call round trip between two introduced widgets, ms (vs bare MessagePort between the same two frames)',
      introduced.line,
      introduced.bare,
      '≤ 1.1',
    ),
    versus(
      'introduce two widgets, ms to the line open at both ends, as each widget answers (vs a plain call to each widget at once)',
      introduced.introduce,
      introduced.plain,
      '≈ 1',
    ),
    versus(
      'introduce two widgets, ms to the line open at both ends (vs a bare MessageChannel handed to both by hand and taken into use, each answering)',
      introduced.introduce,
      introduced.handOver,
    ),
    versus(
      "introduce two widgets, ms to a's first call over the line answered (vs a plain call to each widget at once)",
      introduced.answered,
      introduced.plain,
    ),
  );

  log('profile');
  const guestFrame = () => {
    const found = page.frames().find((frame) => frame !== page.mainFrame() && frame.url().startsWith(guest.origin));
    if (!found) throw new Error('no guest frame to profile');
    return found;
  };
  for (const name of ['penpal', 'frameport'] as const) {
    profiles[name] = await profileCalls(page, guestFrame, 'bench.profileRun()', `bench.profileOpen('${name}')`);
    await bench(page, 'bench.profileClose()');
  }

  log('handshake');
  const handshakePenpal = await bench<number>(page, "bench.handshake('penpal')");
  const handshakeFrameport = await bench<number>(page, "bench.handshake('frameport')");
  rows.push(
    versus('handshake, guest script start to both connected, ms (vs plain penpal)', handshakeFrameport, handshakePenpal, '≤ 1.0', 2),
  );

  log('resize');
  const resizeOir = await bench<number>(page, "bench.resize('oir')");
  const resizeFrameport = await bench<number>(page, "bench.resize('frameport')");
  rows.push(
    versus('resize latency, content change to new iframe height, ms (vs @open-iframe-resizer/core)', resizeFrameport, resizeOir, '', 2),
  );

  log('mount');
  const mountOne = await bench<number>(page, 'bench.mount(1)');
  for (const count of [10, 50]) {
    const total = await bench<number>(page, `bench.mount(${count})`);
    rows.push(versus(`mount ${count} widgets, ms per widget (vs 1 widget)`, total / count, mountOne, '', 2));
  }

  log('flood');
  const flood = await bench<{ quiet: number; during: number; refused: number; dropped: number }>(page, 'bench.flood()');
  rows.push(
    versus(
      `well-behaved widget's round trip during another's flood, ms (vs quiet; ${flood.refused} flood calls refused, flooder dropped ${flood.dropped}×)`,
      flood.during,
      flood.quiet,
      '≤ 2',
    ),
  );

  log('500 mount/destroy cycles');
  const cdp = await context.newCDPSession(page);
  const snapshot = async (): Promise<{ heap: number; listeners: number }> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    if (!result.objectId) throw new Error('CDP gave no handle on window');
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return { heap: usedSize, listeners: listeners.length };
  };
  const before = await snapshot();
  const frames = await bench<number>(page, 'bench.cycles(500)');
  const after = await snapshot();
  rows.push(
    {
      measure: 'heap after GC, KB, after 500 mount/destroy cycles (vs before)',
      frameport: fixed(after.heap / 1024, 0),
      baseline: fixed(before.heap / 1024, 0),
      ratio: after.heap / before.heap,
      target: '≈ 1',
    },
    {
      measure: `window listeners after 500 cycles (vs before; ${frames} frames left)`,
      frameport: String(after.listeners),
      baseline: String(before.listeners),
      ratio: after.listeners / Math.max(1, before.listeners),
      target: '= 1',
    },
  );
  await context.close();

  log('tabs');
  // Tabs of one site in one browser context (one profile), as a user's tabs are.
  const tabs = await chromium.browser.newContext();
  const tabPage = async (query: string): Promise<Page> => {
    const tab = await tabs.newPage();
    tab.on('pageerror', (error) => console.error('page error:', error.message));
    await tab.goto(`${host.origin}/bench/pages/tabs.html?${query}`);
    await tab.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    return tab;
  };
  // The driver opens first, so it leads and answers late tabs; the echo tab answers raw asks.
  const driver = await tabPage('role=driver');
  await tabPage('role=echo');
  const latency = await bench<{ raw: number; frameport: number }>(driver, 'bench.latency()');
  rows.push(
    versus(
      'tab sync: publish to receive in another tab, ms (half a round trip; vs bare BroadcastChannel)',
      latency.frameport,
      latency.raw,
      '≤ 1.2',
    ),
  );
  const converge: Record<'raw' | 'frameport', number[]> = { raw: [], frameport: [] };
  for (let round = 0; round < 15; round += 1) {
    for (const subject of round % 2 ? (['raw', 'frameport'] as const) : (['frameport', 'raw'] as const)) {
      const late = await tabPage(`role=late&subject=${subject}`);
      converge[subject].push(await bench<number>(late, 'window.converged'));
      await late.close();
      // One late tab at a time: the leader answers 10 at once, then 4 a second (a flood guard).
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
  rows.push(
    versus(
      'tab sync: a late tab gets 5 states, ms from channel creation (vs bare BroadcastChannel ask/answer by hand)',
      median(converge.frameport),
      median(converge.raw),
      '',
      2,
    ),
  );
  await tabs.close();

  log('workers');
  const workers = await chromium.browser.newContext();
  const workerPage = await workers.newPage();
  workerPage.on('pageerror', (error) => console.error('page error:', error.message));
  await workerPage.goto(`${host.origin}/bench/pages/workers.html`);
  await workerPage.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  const trip = await bench<Record<'bare' | 'penpal' | 'frameport', number>>(workerPage, 'bench.workerRoundTrip()');
  rows.push(
    versus('worker: call round trip, ms (vs bare postMessage echo to a worker)', trip.frameport, trip.bare, '≤ 1.15'),
    versus('worker: call round trip, ms (vs plain penpal to a worker)', trip.frameport, trip.penpal),
  );
  const hubTrip = await bench<{ bare: number; frameport: number }>(workerPage, 'bench.hubRoundTrip()');
  rows.push(versus("SharedWorker hub: call round trip, ms (vs bare echo on a SharedWorker's port)", hubTrip.frameport, hubTrip.bare));
  // Two task sizes: under a millisecond, where a checked call's own cost shows in every task,
  // and about ten, the size work is usually sent to a pool for.
  for (const [n, tasks, size] of [
    [400_000, 200, 'tasks of ~0.7 ms'],
    [5_000_000, 40, 'tasks of ~9 ms'],
  ] as const) {
    const pools = await bench<Record<'guide' | 'frameport' | 'workerpool', number>>(
      workerPage,
      `bench.poolThroughput({ n: ${n}, tasks: ${tasks} })`,
    );
    rows.push(
      versus(
        `worker pool: CPU-bound ${size} per s, 2 workers (vs the guide's hand-written WorkerPool)`,
        pools.frameport,
        pools.guide,
        '≥ 0.95',
        0,
      ),
      versus(`worker pool: CPU-bound ${size} per s, 2 workers (vs workerpool)`, pools.frameport, pools.workerpool, '', 0),
    );
  }
  await workers.close();
} finally {
  await chromium.close();
  await host.close();
  await guest.close();
  await other.close();
}

console.error('bench: sizes');
const sizes = await measureSizes();

const table = [
  '| measure | frameport | baseline | ratio | target |',
  '|---|---:|---:|---:|---|',
  ...rows.map(
    (row) =>
      `| ${row.measure} | ${row.frameport} | ${row.baseline} | ${row.ratio === undefined ? '' : row.ratio.toFixed(2)} | ${row.target} |`,
  ),
].join('\n');
const sizeTable = [
  '| what a user ships (bundled with dependencies, minified, gzip -9) | bytes |',
  '|---|---:|',
  ...Object.entries(sizes).map(([name, bytes]) => `| ${name} | ${bytes} |`),
].join('\n');

/** Where the calls' time goes, from Chromium's CPU profile of both processes: self time in ms. */
function profileTable(): string {
  const sources = [
    'frameport',
    "zod (the contract's schemas)",
    'penpal',
    'browser (dispatch, promises, clone)',
    'garbage collector',
    'bench page',
  ];
  const cell = (split: Split | undefined, source: string): string => (split?.[source] ?? 0).toFixed(1);
  return [
    'Where 2,000 sequential and 2,000 pipelined calls spend their time (CPU profile, self time in ms, host page / guest frame):',
    '',
    '| code | plain penpal: host | guest | frameport: host | guest |',
    '|---|---:|---:|---:|---:|',
    ...sources.map(
      (source) =>
        `| ${source} | ${cell(profiles.penpal?.host, source)} | ${cell(profiles.penpal?.guest, source)} | ${cell(profiles.frameport?.host, source)} | ${cell(profiles.frameport?.guest, source)} |`,
    ),
  ].join('\n');
}

/** A bar per ratio, with a line at 1 (the baseline); bars stop at 3× and say the real figure. */
function chart(entries: { label: string; ratio: number }[]): string {
  const width = 760;
  const bar = 22;
  const left = 330;
  const cap = 3;
  const scale = (width - left - 90) / cap;
  const height = entries.length * (bar + 10) + 40;
  const bars = entries
    .map(({ label, ratio }, index) => {
      const y = 20 + index * (bar + 10);
      const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escaped}</text>
<rect x="${left}" y="${y}" width="${(Math.min(ratio, cap) * scale).toFixed(1)}" height="${bar}" fill="${ratio > cap ? '#b3261e' : '#2456d3'}"/>
<text x="${(left + Math.min(ratio, cap) * scale + 6).toFixed(1)}" y="${y + 15}" font-size="12">${ratio.toFixed(2)}×${ratio > cap ? ' (off the scale)' : ''}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="frameport figures as ratios to their baselines">
<rect width="100%" height="100%" fill="#fff"/>
${bars}
<line x1="${left + scale}" x2="${left + scale}" y1="10" y2="${height - 10}" stroke="#555" stroke-dasharray="4 3"/>
<text x="${left + scale + 4}" y="${height - 4}" font-size="11" fill="#555">baseline = 1×</text>
</svg>
`;
}

const main = rows.flatMap((row) =>
  row.target && row.ratio !== undefined && !row.measure.startsWith('window listeners')
    ? [{ label: row.measure.replace(/ \(.*\)$/, '').replace(/, ms| per s/, ''), ratio: row.ratio }]
    : [],
);
const svg = chart(main);
const markdown = `# frameport benchmarks

Measured by \`npm run bench\` in ${version} (the system browser, headless) between two cross-site
frames on this machine, each figure a median over repeated rounds, next to its baseline measured
in the same run. Ratios are what to read: absolute times depend on the machine.

${table}

![ratios](results.svg)

${profileTable()}

${sizeTable}
`;
writeFileSync(join(repoRoot, 'bench', 'results.md'), markdown);
writeFileSync(join(repoRoot, 'bench', 'results.svg'), svg);
console.log(table);
console.log();
console.log(profileTable());
console.log();
console.log(sizeTable);
console.log('\nWritten to bench/results.md and bench/results.svg');
