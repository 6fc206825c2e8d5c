/**
 * Long work as jobs: `job.start` answers at once with a job id; the work runs in steps, yielding to
 * the event loop between them so that calls (a cancel, an edit) are still answered; each step
 * reports `job.progress`, and the job ends with exactly one `job.finished` event (done, failed or
 * cancelled). A cancel between two steps stops it before the next one; nothing a job does changes
 * the programme. Export, import and Monte-Carlo are added as kinds of job (src-shared/api JOB_KINDS).
 */
import { ApiFailure, type AppEvent, type JobKind, type JobOutput, type JobRequest } from '../../src-shared/api';
import { newId } from '../../src-shared/commands';

/**
 * One unit of work (it may wait, e.g. for the engine thread or a writer). `signal` is aborted when
 * the job is cancelled, so a long step (an export being written) can stop in the middle.
 */
export type JobStep = (signal: AbortSignal) => void | Promise<void>;

export interface JobPlan {
  /** The steps, run in order; a thrown ApiFailure fails the job with its message. */
  steps: readonly JobStep[];
  /** The sentence for the person, once every step ran. */
  done(): string;
  /** What the job made (an export's file), once every step ran; given the job's id. */
  output?(jobId: string): JobOutput | null;
}

export interface JobsOptions {
  emit(event: AppEvent): void;
  /** Plans a job on the open programme (throws ApiFailure when it cannot start). */
  plan(request: JobRequest): JobPlan;
  /** How the work yields between steps (tests may run it synchronously). */
  yieldNow?: () => Promise<void>;
}

interface JobState {
  cancelled: boolean;
  abort: AbortController;
}

export class Jobs {
  private readonly running = new Map<string, JobState>();

  constructor(private readonly options: JobsOptions) {}

  /** Starts a job; its progress and outcome arrive as events. */
  start(request: JobRequest): { jobId: string } {
    const plan = this.options.plan(request);
    const jobId = newId();
    const state: JobState = { cancelled: false, abort: new AbortController() };
    this.running.set(jobId, state);
    void this.run(jobId, request.kind, plan, state);
    return { jobId };
  }

  /** Asks a running job to stop before its next step. */
  cancel(jobId: string): null {
    const state = this.running.get(jobId);
    if (!state) {
      throw new ApiFailure('notFound', 'That job has already finished (or never started); there is nothing to cancel.');
    }
    state.cancelled = true;
    state.abort.abort();
    return null;
  }

  /** Job ids still running (tests, shutdown). */
  get active(): string[] {
    return [...this.running.keys()];
  }

  private async run(jobId: string, kind: JobKind, plan: JobPlan, state: JobState): Promise<void> {
    const { emit } = this.options;
    const yieldNow = this.options.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    const total = plan.steps.length;
    const finish = (event: Omit<Extract<AppEvent, { type: 'job.finished' }>, 'type' | 'jobId' | 'kind'>): void => {
      this.running.delete(jobId);
      emit({ type: 'job.finished', jobId, kind, ...event });
    };
    const cancelled = (): void =>
      finish({ outcome: 'cancelled', message: 'Stopped before it finished; nothing was changed.', error: null });
    try {
      for (let i = 0; i < total; i++) {
        await yieldNow();
        if (state.cancelled) {
          cancelled();
          return;
        }
        await (plan.steps[i] as JobStep)(state.abort.signal);
        emit({ type: 'job.progress', jobId, kind, done: i + 1, total });
      }
      await yieldNow();
      if (state.cancelled) {
        cancelled();
        return;
      }
      finish({
        outcome: 'done',
        message: plan.done(),
        error: null,
        ...(plan.output ? { output: plan.output(jobId) } : {}),
      });
    } catch (err) {
      // A step stopped by the cancel (its signal aborted) ends the job as cancelled, not failed.
      if (state.cancelled) {
        cancelled();
        return;
      }
      const error =
        err instanceof ApiFailure
          ? err.toApiError()
          : { code: 'internal' as const, message: 'Something went wrong inside the app; nothing was changed.' };
      finish({ outcome: 'failed', message: error.message, error });
    }
  }
}
