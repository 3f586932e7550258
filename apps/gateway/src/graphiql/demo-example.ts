import { Injectable } from '@nestjs/common';
import { generateDemoApplicants } from '@oncegate/demo';
import { GatewayConfig } from '../config/gateway.config';

export interface ExampleVariables {
  scheme: 'RESIDENT_ID';
  value: string;
}

/**
 * GraphiQL's example variables in demo mode: a demo person's ID number
 * written the way people type it (spaces, lower-case x), so the first click
 * shows normalization at work. Taken from the demo data set, never from the
 * registry, so that a production page shows nobody's data.
 */
@Injectable()
export class DemoExample {
  private readonly example: ExampleVariables | null;

  constructor(config: GatewayConfig) {
    this.example = config.demoSeed ? pickExample() : null;
  }

  get(): ExampleVariables | null {
    return this.example;
  }
}

function pickExample(): ExampleVariables | null {
  const ids = generateDemoApplicants()
    .flatMap((a) => a.identifiers)
    .filter((i) => i.scheme === 'RESIDENT_ID')
    .map((i) => i.value);
  const id = ids.find((v) => v.endsWith('X')) ?? ids[0];
  if (!id) return null;
  return {
    scheme: 'RESIDENT_ID',
    value: `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`,
  };
}
