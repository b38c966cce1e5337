import { Module } from '@nestjs/common';
import { ProbabilityController } from './probability.controller.js';

@Module({ controllers: [ProbabilityController] })
export class ProbabilityModule {}
