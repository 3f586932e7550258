import { Global, Module } from '@nestjs/common';
import { AuditAnchorer } from './audit-anchorer';
import { AuditLog } from './audit-log';
import { AuditResolver } from './audit.resolver';

/** The audit trail's writer, for every module (GraphQL plugin, access middleware, workers). */
@Global()
@Module({ providers: [AuditLog, AuditAnchorer, AuditResolver], exports: [AuditLog, AuditAnchorer] })
export class AuditModule {}
