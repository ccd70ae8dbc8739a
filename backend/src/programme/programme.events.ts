import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { ProjectView } from './programme-view.js';

export interface ProjectEvent {
  /** What happened: a stage change or a ledger entry. */
  kind: 'stage' | 'allocation' | 'expenditure' | 'transfer';
  /** The project after the change (county = area code, for scoping the push to area users). */
  project: ProjectView;
}

/**
 * In-process notifications after a programme change has been committed; the Socket.IO gateway subscribes
 * with `on('project', ...)` and pushes a `project` event.
 */
@Injectable()
export class ProgrammeEvents {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('programme');

  on(event: 'project', listener: (e: ProjectEvent) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit(event: 'project', e: ProjectEvent): void {
    // A listener's failure must not turn a committed change into an error response.
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (e: ProjectEvent) => void)(e);
      } catch (err) {
        this.logger.error(`project ${e.project.id} ${e.kind} event listener failed: ${String(err)}`);
      }
    }
  }
}
