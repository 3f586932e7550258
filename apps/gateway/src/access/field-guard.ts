import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { SharingCatalogue } from '@oncegate/access';
import {
  defaultFieldResolver,
  isNonNullType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLSchema,
} from 'graphql';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import type { GatewayContext } from '../graphql-context';

/**
 * Wraps the resolver of every field the sharing catalogue names: before the
 * field resolves (and before any department is asked for it), the request's
 * access decides on its data item; a refusal makes the field null with a
 * FORBIDDEN_DATA_ITEM error naming the item and why, and the other fields
 * arrive. A field covers what is under it, so an item inside another (a
 * conditional field of an unconditional type) is checked in its turn.
 */
export function guardDataFields(schema: GraphQLSchema, catalogue: SharingCatalogue): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (
      config: GraphQLFieldConfig<unknown, GatewayContext>,
      fieldName: string,
      typeName: string,
    ): GraphQLFieldConfig<unknown, GatewayContext> => {
      const item = catalogue.itemOfField(`${typeName}.${fieldName}`);
      if (!item) return config;
      const resolve = config.resolve ?? defaultFieldResolver;
      return {
        ...config,
        resolve: async (source, args, context: GatewayContext, info) => {
          const subject = applicantOf(typeName, source);
          if (subject) context.access.applicants.add(subject);
          const decision = await context.access.decide(item);
          if (!decision.allowed)
            throw new GatewayError(
              GatewayErrorCode.FORBIDDEN_DATA_ITEM,
              `The data item ${item.id} (${item.name}) is not shared with this consumer for this purpose`,
              { item: item.id, sharingClass: item.sharingClass, reason: decision.reason },
            );
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

/** The applicant an object is about: an Applicant's id, or the applicantId of a form or change. */
function applicantOf(typeName: string, source: unknown): string | null {
  if (typeof source !== 'object' || source === null) return null;
  const { applicantId, id } = source as Record<string, unknown>;
  if (typeName === 'Applicant') return typeof id === 'string' ? id : null;
  return typeof applicantId === 'string' ? applicantId : null;
}

/**
 * What keeps the catalogue and the schema in step (run at boot and in CI):
 * every coordinate the catalogue names exists; every field of a data type
 * belongs to an item or is declared metadata; and a conditional or
 * not-shared field is nullable, so that refusing it cannot take its
 * neighbours with it.
 */
export function catalogueCoverageProblems(
  schema: GraphQLSchema,
  catalogue: SharingCatalogue,
): string[] {
  const problems: string[] = [];
  const metadata = new Set(catalogue.metadata());
  const field = (coordinate: string) => {
    const [type, name] = coordinate.split('.');
    const t = schema.getType(type);
    return t && isObjectType(t) ? t.getFields()[name] : undefined;
  };
  for (const item of catalogue.items())
    for (const coordinate of item.fields) {
      const f = field(coordinate);
      if (!f) problems.push(`${item.id}: ${coordinate} is not a field of the schema`);
      else if (item.sharingClass !== 'UNCONDITIONAL' && isNonNullType(f.type))
        problems.push(
          `${item.id}: ${coordinate} is ${item.sharingClass} but non-null; refusing it would null its parent`,
        );
    }
  for (const coordinate of metadata)
    if (!field(coordinate)) problems.push(`metadata: ${coordinate} is not a field of the schema`);
  for (const typeName of catalogue.dataTypes()) {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) {
      problems.push(`data type ${typeName} is not an object type of the schema`);
      continue;
    }
    for (const name of Object.keys(type.getFields())) {
      const coordinate = `${typeName}.${name}`;
      if (!catalogue.itemOfField(coordinate) && !metadata.has(coordinate))
        problems.push(
          `${coordinate} carries data but belongs to no item of the sharing catalogue (add it to an item, or to metadata if it carries no department data)`,
        );
    }
  }
  return problems;
}
