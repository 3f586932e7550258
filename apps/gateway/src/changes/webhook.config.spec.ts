import { ConfigValidationError } from '../config/gateway.config';
import { readWebhookTargets } from './webhook.config';

const SECRET = 'x'.repeat(32);

describe('readWebhookTargets', () => {
  it('gives each department with a URL its webhook, and none to the rest', () => {
    const targets = readWebhookTargets({
      TAX_WEBHOOK_URL: 'https://tax.county.internal/oncegate/changes',
      TAX_WEBHOOK_SECRET: SECRET,
      PROJECT_APPROVAL_WEBHOOK_URL: ' http://10.0.0.7:8080/hooks ',
      PROJECT_APPROVAL_WEBHOOK_SECRET: SECRET,
    });
    expect([...targets.keys()].sort()).toEqual(['project-approval', 'tax']);
    expect(targets.get('project-approval')).toEqual({
      department: 'project-approval',
      url: 'http://10.0.0.7:8080/hooks',
      secret: SECRET,
    });
  });

  it('has no webhooks when none are configured (the demo)', () => {
    expect(readWebhookTargets({}).size).toBe(0);
  });

  it.each([
    [{ TAX_WEBHOOK_URL: 'not a url', TAX_WEBHOOK_SECRET: SECRET }, 'TAX_WEBHOOK_URL is not a URL'],
    [
      { TAX_WEBHOOK_URL: 'ftp://tax/hooks', TAX_WEBHOOK_SECRET: SECRET },
      'TAX_WEBHOOK_URL must be http or https',
    ],
    [{ TAX_WEBHOOK_URL: 'https://tax/hooks' }, 'TAX_WEBHOOK_SECRET must be at least 32 characters'],
    [
      { LAND_PLANNING_WEBHOOK_URL: 'https://lp/hooks', LAND_PLANNING_WEBHOOK_SECRET: 'short' },
      'LAND_PLANNING_WEBHOOK_SECRET must be at least 32',
    ],
    [
      { SOCIAL_INSURANCE_WEBHOOK_SECRET: SECRET },
      'SOCIAL_INSURANCE_WEBHOOK_SECRET is set without SOCIAL_INSURANCE_WEBHOOK_URL',
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => readWebhookTargets(env)).toThrow(ConfigValidationError);
    expect(() => readWebhookTargets(env)).toThrow(message);
  });
});
