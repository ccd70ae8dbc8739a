import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module.js';
import { ProgrammeModule } from '../programme/programme.module.js';
import { ResponsiblePersonsModule } from '../responsible-persons/responsible-persons.module.js';
import { AllocationsLedger } from './allocations-ledger.js';
import { ExpendituresLedger } from './expenditures-ledger.js';
import { HazardsLedger } from './hazards-ledger.js';
import { LedgerIoController } from './ledger-io.controller.js';
import { LedgerIoService } from './ledger-io.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { PersonsLedger } from './persons-ledger.js';
import { ProjectsLedger } from './projects-ledger.js';

/** CSV/XLSX import and export of projects, funding, responsible persons and hazards. */
@Module({
  imports: [ProgrammeModule, ResponsiblePersonsModule, HazardsModule],
  controllers: [LedgerIoController],
  providers: [
    LedgerRepository,
    LedgerIoService,
    ProjectsLedger,
    AllocationsLedger,
    ExpendituresLedger,
    PersonsLedger,
    HazardsLedger,
  ],
})
export class LedgerIoModule {}
