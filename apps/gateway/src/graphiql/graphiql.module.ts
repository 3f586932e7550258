import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DemoExample } from './demo-example';
import { GraphiqlController } from './graphiql.controller';
import { GraphiqlMiddleware } from './graphiql.middleware';

/** Self-hosted GraphiQL at `GET /graphql` (browser requests only). */
@Module({
  imports: [ApplicationsModule],
  controllers: [GraphiqlController],
  providers: [DemoExample, GraphiqlMiddleware],
})
export class GraphiqlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GraphiqlMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
