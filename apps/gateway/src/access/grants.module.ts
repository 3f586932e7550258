import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { GrantsResolver } from './grants.resolver';
import { GrantsService } from './grants.service';

/** The sharing catalogue query and grants of conditional items (due dates on the working calendar). */
@Module({
  imports: [ApplicationsModule],
  providers: [GrantsService, GrantsResolver],
})
export class GrantsModule {}
