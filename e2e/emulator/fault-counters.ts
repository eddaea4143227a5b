import { type FaultPlan, withoutFailures } from './faults';

/**
 * Budgets for `once` / `times-<n>`: the first n requests with the same fault string fail, later ones
 * succeed, which is how tests exercise retries.
 */
export class FaultCounters {
  private readonly seen = new Map<string, number>();

  /** Counts this request and returns the plan it actually gets. */
  effectivePlan(plan: FaultPlan): FaultPlan {
    if (plan.failTimes === null) return plan;
    const count = (this.seen.get(plan.key) ?? 0) + 1;
    this.seen.set(plan.key, count);
    return count <= plan.failTimes ? plan : withoutFailures(plan);
  }

  reset(): void {
    this.seen.clear();
  }
}
