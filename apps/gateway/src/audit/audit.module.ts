import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { AuditResolver } from './audit.resolver';

/** The audit trail's writer, for every module (GraphQL plugin, access middleware, workers). */
@Global()
@Module({ providers: [AuditLog, AuditResolver], exports: [AuditLog] })
export class AuditModule {}
