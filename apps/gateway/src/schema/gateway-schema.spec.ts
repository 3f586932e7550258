import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printGatewaySchema } from './gateway-schema';

describe('contracts/gateway.graphql', () => {
  it('is what the code generates (run `npm run schema:generate` after changing the API)', async () => {
    const committed = readFileSync(
      join(__dirname, '../../../../contracts/gateway.graphql'),
      'utf8',
    );
    expect(await printGatewaySchema()).toBe(committed);
  });
});
