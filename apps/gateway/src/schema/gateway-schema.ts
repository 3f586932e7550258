import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GrantsResolver } from '../access/grants.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { ApplicantsResolver } from '../applicants/applicants.resolver';
import { DepartmentsResolver } from '../departments/departments.resolver';
import { ApplicationsResolver } from '../applications/applications.resolver';
import { ChangesResolver } from '../changes/changes.resolver';
import { ResolutionResolver } from '../resolution/resolution.resolver';

/** Every resolver class of the gateway; the published schema is built from these. */
export const GATEWAY_RESOLVERS = [
  ApplicantsResolver,
  DepartmentsResolver,
  ResolutionResolver,
  ApplicationsResolver,
  ChangesResolver,
  GrantsResolver,
  AuditResolver,
];

const HEADER = `# OnceGate gateway schema — GENERATED from the code (npm run schema:generate). Do not edit.
# Published contract for department systems and e-service developers.
`;

/** The gateway's schema, built from its resolvers without starting the gateway. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    return await app.get(GraphQLSchemaFactory).create(GATEWAY_RESOLVERS);
  } finally {
    await app.close();
  }
}

/** The schema as SDL, sorted, exactly as committed in contracts/gateway.graphql. */
export async function printGatewaySchema(): Promise<string> {
  return `${HEADER}\n${printSchema(lexicographicSortSchema(await buildGatewaySchema()))}\n`;
}
