import { Module } from '@nestjs/common';
import { ResolutionModule } from '../resolution/resolution.module';
import { ApplicantLoadersFactory } from './applicant.loaders';
import { ApplicantsResolver } from './applicants.resolver';
import { ApplicantsService } from './applicants.service';

@Module({
  imports: [ResolutionModule],
  providers: [ApplicantsResolver, ApplicantsService, ApplicantLoadersFactory],
  exports: [ApplicantLoadersFactory],
})
export class ApplicantsModule {}
