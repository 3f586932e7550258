import { Command } from 'commander';
import { runDeptSim } from './dept-sim';

function program(): Command {
  return new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
}

describe('dept-sim options', () => {
  it.each([
    [['--faults', '{"tax": {"errorRate": 3}}'], 'errorRate'],
    [['--faults', '{"post-office": {}}'], 'unknown department'],
    [['--faults', 'not json'], 'expected JSON'],
    [['--load', 'tax'], '<department>=<file>'],
    [['--applicants', '-5'], 'whole number'],
  ])('refuses %j with a clear message', async (args, message) => {
    await expect(runDeptSim(program(), ['node', 'dept-sim', ...args])).rejects.toThrow(message);
  });

  it('starts the four systems on the given ports with faults', async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const sims = await runDeptSim(program(), [
        'node',
        'dept-sim',
        '--applicants',
        '30',
        '--port-base',
        '0',
        '--faults',
        '{"tax": {"latencyMs": 7}}',
      ]);
      try {
        const faults = (await (await fetch(`${sims.urls.tax}/__admin/faults`)).json()) as {
          latencyMs: number;
        };
        expect(faults.latencyMs).toBe(7);
      } finally {
        await sims.close();
      }
    } finally {
      out.mockRestore();
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    }
  });
});
