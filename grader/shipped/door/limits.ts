/** Deadlines and caps of the door to student code. */
export interface DoorLimits {
  /** Per call. The slowest correct call any check makes (descent, 1000 iterations on 100 points) takes under 5 ms. */
  readonly callTimeoutMs: number;
  /** For a file's top-level code, which should only define functions. */
  readonly importTimeoutMs: number;
}

export const DEFAULT_DOOR_LIMITS: DoorLimits = { callTimeoutMs: 1000, importTimeoutMs: 1000 };
