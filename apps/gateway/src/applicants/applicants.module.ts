import { Module } from '@nestjs/common';
import { ApplicantLoadersFactory } from './applicant.loaders';
import { ApplicantsResolver } from './applicants.resolver';
import { ApplicantsService } from './applicants.service';

@Module({
  providers: [ApplicantsResolver, ApplicantsService, ApplicantLoadersFactory],
  exports: [ApplicantLoadersFactory],
})
export class ApplicantsModule {}
