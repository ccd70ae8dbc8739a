import { Module } from '@nestjs/common';
import { FloodController } from './flood.controller.js';
import { FloodRepository } from './flood.repository.js';
import { FloodService } from './flood.service.js';

@Module({
  controllers: [FloodController],
  providers: [FloodRepository, FloodService],
})
export class FloodModule {}
