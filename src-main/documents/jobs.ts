/**
 * Long work as jobs: `job.start` answers at once with a job id; the work runs in steps, yielding to
 * the event loop between them so that calls (a cancel, an edit) are still answered; each step
 * reports `job.progress`, and the job ends with exactly one `job.finished` event (done, failed or
 * cancelled). A cancel between two steps stops it before the next one; nothing a job does changes
 * the programme. Export, import and Monte-Carlo are added as kinds of job (src-shared/api JOB_KINDS).
 */
import { ApiFailure, type AppEvent, type JobKind } from '../../src-shared/api';
import { newId } from '../../src-shared/commands';

/** One unit of work (it may wait, e.g. for the engine thread). */
export type JobStep = () => void | Promise<void>;

export interface JobPlan {
  /** The steps, run in order; a thrown ApiFailure fails the job with its message. */
  steps: readonly JobStep[];
  /** The sentence for the person, once every step ran. */
  done(): string;
}

export interface JobsOptions {
  emit(event: AppEvent): void;
  /** Plans a job of `kind` on the open programme (throws ApiFailure when it cannot start). */
  plan(kind: JobKind): JobPlan;
  /** How the work yields between steps (tests may run it synchronously). */
  yieldNow?: () => Promise<void>;
}

export class Jobs {
  private readonly running = new Map<string, { cancelled: boolean }>();

  constructor(private readonly options: JobsOptions) {}

  /** Starts a job; its progress and outcome arrive as events. */
  start(kind: JobKind): { jobId: string } {
    const plan = this.options.plan(kind);
    const jobId = newId();
    const state = { cancelled: false };
    this.running.set(jobId, state);
    void this.run(jobId, kind, plan, state);
    return { jobId };
  }

  /** Asks a running job to stop before its next step. */
  cancel(jobId: string): null {
    const state = this.running.get(jobId);
    if (!state) {
      throw new ApiFailure('notFound', 'That job has already finished (or never started); there is nothing to cancel.');
    }
    state.cancelled = true;
    return null;
  }

  /** Job ids still running (tests, shutdown). */
  get active(): string[] {
    return [...this.running.keys()];
  }

  private async run(jobId: string, kind: JobKind, plan: JobPlan, state: { cancelled: boolean }): Promise<void> {
    const { emit } = this.options;
    const yieldNow = this.options.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    const total = plan.steps.length;
    const finish = (event: Omit<Extract<AppEvent, { type: 'job.finished' }>, 'type' | 'jobId' | 'kind'>): void => {
      this.running.delete(jobId);
      emit({ type: 'job.finished', jobId, kind, ...event });
    };
    try {
      for (let i = 0; i < total; i++) {
        await yieldNow();
        if (state.cancelled) {
          finish({ outcome: 'cancelled', message: 'Stopped before it finished; nothing was changed.', error: null });
          return;
        }
        await (plan.steps[i] as JobStep)();
        emit({ type: 'job.progress', jobId, kind, done: i + 1, total });
      }
      await yieldNow();
      finish({ outcome: 'done', message: plan.done(), error: null });
    } catch (err) {
      const error =
        err instanceof ApiFailure
          ? err.toApiError()
          : { code: 'internal' as const, message: 'Something went wrong inside the app; nothing was changed.' };
      finish({ outcome: 'failed', message: error.message, error });
    }
  }
}
