import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
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
];

const HEADER = `# OnceGate gateway schema — GENERATED from the code (npm run schema:generate). Do not edit.
# Published contract for department systems and e-service developers.
`;

/** The schema as SDL, sorted, exactly as committed in contracts/gateway.graphql. */
export async function printGatewaySchema(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(GATEWAY_RESOLVERS);
    return `${HEADER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
