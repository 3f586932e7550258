import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from './metrics';

/**
 * `GET /metrics`: the Prometheus text format, for the scraper inside the
 * cluster. No API key, no rate limit, no audit record (it reads no
 * applicant's data); only with METRICS=on.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.scrape();
    // Written as is: Express's send() would reorder the content type's parameters.
    res.status(200);
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  }
}
