/** A progress bar on a terminal (redrawn in place) or, when not a terminal, a line per step. */
import type { Progress } from './run-rollout.js';

export function progressBar(stream: NodeJS.WriteStream, phases: number[], traffic: boolean): { update: Progress; done: () => void } {
  const total = phases.reduce((a, p) => a + p * (traffic ? 1 : 0) + 50, 0);
  const before = (n: number) => phases.filter((p) => p < n).reduce((a, p) => a + p * (traffic ? 1 : 0) + 50, 0);
  let lastLine = '';
  const update: Progress = (e) => {
    const n = e.phase ?? 0;
    const done = e.step === 'candidates' ? 0 : before(n) + (e.step === 'coverage' ? 0 : 50) + (e.step === 'traffic' ? n * e.fraction : e.step === 'phase done' ? n * (traffic ? 1 : 0) : 0);
    const f = Math.min(1, done / total);
    const label = e.step === 'candidates' ? 'candidates and placement' : `${n} points: ${e.step}${e.step === 'traffic' ? ` ${Math.round(e.fraction * 24)}/24 h` : ''}`;
    const line = `[${'#'.repeat(Math.round(f * 30)).padEnd(30, '.')}] ${String(Math.round(f * 100)).padStart(3)}% ${label}`;
    if (stream.isTTY) stream.write(`\r${line.padEnd(lastLine.length)}`);
    else if (line !== lastLine) stream.write(`${line}\n`);
    lastLine = line;
  };
  return {
    update,
    done: () => {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
