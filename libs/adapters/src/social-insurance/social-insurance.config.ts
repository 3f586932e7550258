import { inspect } from 'node:util';
import {
  DepartmentConfigError,
  readDepartmentClientConfig,
  type DepartmentClientConfig,
} from '../shared';

const REDACTED = '[REDACTED]';

/**
 * The app secret, kept out of logs and error messages: printing, inspecting
 * or serializing it gives `[REDACTED]`; only the signer calls `reveal()`.
 */
export class SocialInsuranceAppSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** How to reach the social-insurance system and the credentials its 经办机构 issued us. */
export interface SocialInsuranceConfig extends DepartmentClientConfig {
  /** `SOCIAL_INSURANCE_APP_KEY`: our app key (应用标识), sent as `X-App-Key`. */
  readonly appKey: string;
  /** `SOCIAL_INSURANCE_APP_SECRET`: signs every request; never sent, logged or shown. */
  readonly appSecret: SocialInsuranceAppSecret;
}

export const SOCIAL_INSURANCE_ENV_PREFIX = 'SOCIAL_INSURANCE';

/**
 * `SOCIAL_INSURANCE_URL`, `_TIMEOUT_MS`, `_RETRIES`, `_CACHE_TTL_MS`,
 * `_BREAKER_THRESHOLD`, `_BREAKER_HALF_OPEN_MS`, `_MAX_CONNECTIONS`, plus
 * `_APP_KEY` and `_APP_SECRET`, which are required once a URL is set. Null
 * when no URL is set. Errors name the variable, never the secret's value.
 */
export function readSocialInsuranceConfig(
  env: Readonly<Record<string, string | undefined>>,
): SocialInsuranceConfig | null {
  const client = readDepartmentClientConfig('social-insurance', SOCIAL_INSURANCE_ENV_PREFIX, env);
  if (!client) return null;
  const appKey = env.SOCIAL_INSURANCE_APP_KEY?.trim();
  if (!appKey) {
    throw new DepartmentConfigError(
      'social-insurance: SOCIAL_INSURANCE_APP_KEY is required with SOCIAL_INSURANCE_URL (every request is signed)',
    );
  }
  if (!/^[A-Za-z0-9_-]{4,64}$/.test(appKey)) {
    throw new DepartmentConfigError(
      'social-insurance: SOCIAL_INSURANCE_APP_KEY must be 4–64 of A-Z a-z 0-9 _ -',
    );
  }
  const secret = env.SOCIAL_INSURANCE_APP_SECRET;
  if (!secret) {
    throw new DepartmentConfigError(
      'social-insurance: SOCIAL_INSURANCE_APP_SECRET is required with SOCIAL_INSURANCE_URL (every request is signed)',
    );
  }
  if (secret.length < 8) {
    throw new DepartmentConfigError(
      'social-insurance: SOCIAL_INSURANCE_APP_SECRET is too short to be an issued secret (at least 8 characters)',
    );
  }
  return { ...client, appKey, appSecret: new SocialInsuranceAppSecret(secret) };
}
