import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { openAsset } from './graphiql.assets';
import { GRAPHIQL_INIT_JS } from './graphiql.page';

@Controller('graphiql')
export class GraphiqlController {
  @Get('init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  init(): string {
    return GRAPHIQL_INIT_JS;
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = openAsset(name);
    if (!asset) throw new NotFoundException();
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
    });
    asset.stream.on('error', () => res.destroy()).pipe(res);
  }
}
