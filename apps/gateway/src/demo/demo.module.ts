import { Module } from '@nestjs/common';
import { DemoConsumers } from './demo-consumers';
import { DemoSeeder } from './demo-seeder';

@Module({ providers: [DemoSeeder, DemoConsumers], exports: [DemoSeeder, DemoConsumers] })
export class DemoModule {}
