import { AppFailure } from '../errors';

/** The AppFailure `run` throws synchronously; any other throw goes on, and not throwing fails the test. */
export function thrownFailure(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}
