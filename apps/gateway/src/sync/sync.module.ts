import { Module } from '@nestjs/common';
import { ResolutionModule } from '../resolution/resolution.module';
import { SyncWorker } from './sync.worker';

/** The department sync worker (`SYNC_INTERVAL_S`). */
@Module({ imports: [ResolutionModule], providers: [SyncWorker], exports: [SyncWorker] })
export class SyncModule {}
