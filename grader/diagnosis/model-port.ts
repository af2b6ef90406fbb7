import { InProcessPort } from '../shipped/door/in-process-port';
import type { CallOutcome, CallRequest, IsolationLayer, ModuleStatus, SubmissionPort } from '../shipped/door/port';
import { evaluate } from '../mistake-space/evaluate';
import type { MistakeSpace } from '../mistake-space/space';
import { referenceSubmission } from './variant-submission';

/**
 * A submission whose one exercise is a mistake model's configuration and whose other exercises are
 * the reference: the door to grade a generated mistake as if a student had written it. The model
 * is the kit's own trusted code, so it answers in this process.
 */
let sharedReference: InProcessPort | undefined;

export class ModelPort<C> implements SubmissionPort {
  /** The reference's exercises, loaded once per process and shared by every model port: it is trusted and pure. */
  private readonly reference = (sharedReference ??= new InProcessPort(referenceSubmission(), referenceSubmission()));
  readonly isolation: readonly IsolationLayer[] = [
    { name: 'mistake model', active: true, detail: 'the kit’s own model of a mistake, answered in process' },
  ];
  private readonly implementation;

  constructor(
    private readonly space: MistakeSpace<C>,
    config: C,
  ) {
    this.implementation = space.implement(config);
  }

  modules(): Promise<readonly ModuleStatus[]> {
    return this.reference.modules();
  }

  async callMany(requests: readonly CallRequest[]): Promise<CallOutcome[]> {
    const others = await this.reference.callMany(requests.filter((r) => r.exercise !== this.space.exercise));
    let next = 0;
    return requests.map((request) => {
      if (request.exercise !== this.space.exercise) return others[next++];
      const outcome = evaluate(this.implementation, request.fn, request.args);
      return outcome.ok && request.observeArguments ? { ...outcome, argumentsAfter: request.args } : outcome;
    });
  }

  async close(): Promise<void> {}
}
