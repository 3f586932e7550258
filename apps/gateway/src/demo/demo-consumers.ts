import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { issueApiKey, ROLES, type Role } from '@oncegate/access';
import { ConsumerRepository, isRegistryError, RegistryErrorCode } from '@oncegate/registry';
import { ConsumerAuthenticator } from '../access/consumer-authenticator';
import { GatewayConfig } from '../config/gateway.config';

/** The demo consumer of a role: `demo-<role>`; the department one is the tax office's system. */
export function demoConsumerName(role: Role): string {
  return `demo-${role}`;
}
export const DEMO_DEPARTMENT = 'tax';

/**
 * Demo mode's consumers: one per role, their keys in `DEMO_KEYS_FILE`
 * (`var/demo-keys.json`, a JSON object from role to key, readable by the
 * owner only). Keys in the file that still work are kept; a missing or
 * stale one is made anew (the consumer is created, or its keys rotated).
 */
@Injectable()
export class DemoConsumers {
  private readonly logger = new Logger(DemoConsumers.name);

  constructor(
    private readonly config: GatewayConfig,
    private readonly consumers: ConsumerRepository,
    private readonly authenticator: ConsumerAuthenticator,
  ) {}

  async ensureKeys(): Promise<{ file: string; keys: Record<Role, string> }> {
    const file = resolve(this.config.demoKeysFile);
    const known = this.read(file);
    const keys = {} as Record<Role, string>;
    let changed = false;
    for (const role of ROLES) {
      const name = demoConsumerName(role);
      if (known[role] && (await this.works(known[role], name))) {
        keys[role] = known[role];
        continue;
      }
      const issued = issueApiKey();
      const key = { keyId: issued.keyId, secretHash: issued.secretHash, expiresAt: null };
      try {
        await this.consumers.create(
          {
            name,
            roles: [role],
            department: role === 'department' ? DEMO_DEPARTMENT : null,
            description: `demo consumer with the ${role} role (npm start)`,
          },
          key,
        );
      } catch (error) {
        if (!isRegistryError(error, RegistryErrorCode.CONSUMER_EXISTS)) throw error;
        await this.consumers.rotate(name, key, 0);
      }
      keys[role] = issued.key;
      changed = true;
    }
    if (changed) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    }
    // Also when the file was there: whoever made it, only its owner may read the keys.
    chmodSync(file, 0o600);
    this.logger.log(`Demo API keys, one per role: ${file} (readable by its owner only)`);
    return { file, keys };
  }

  private read(file: string): Partial<Record<Role, string>> {
    if (!existsSync(file)) return {};
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return typeof json === 'object' && json !== null ? json : {};
    } catch {
      return {};
    }
  }

  private async works(key: string, name: string): Promise<boolean> {
    try {
      return (await this.authenticator.authenticate(`Bearer ${key}`)).name === name;
    } catch {
      return false;
    }
  }
}
