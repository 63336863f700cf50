/**
 * Whether a pattern matches could not be decided: it depends on behaviour AWS does not document, or on a value known
 * only at deploy time. Evaluators carry it as a third outcome beside true and false, so that it decides nothing when
 * the rest of a pattern decides alone (`false && undecided` is false), and throw it only when it would decide.
 */
export class Undecided extends Error {
  /** The outcome depends on behaviour AWS does not document: a test that relied on a guess would prove nothing. */
  public static undocumented(what: string, fix: string): Undecided {
    return new Undecided(`Whether this matches depends on behaviour AWS does not document: ${what}. ${fix}`);
  }

  /** The outcome depends on a value the pattern refers to, known only once deployed. */
  public static deployTimeValue(reference: string): Undecided {
    return new Undecided(
      `Whether this matches depends on a value known only at deploy time: ${reference}. Name its value in ` +
      'deployTimeValues, keyed by the attribute that stands for it (e.g. { [bucket.bucketName]: "my-bucket" }).',
    );
  }

  private constructor(message: string) {
    super(message);
    this.name = 'Undecided';
  }
}

/** True, false, or undecided. */
export type Outcome = boolean | Undecided;

/** Kleene disjunction: true if any is true; else undecided if any is; else false. */
export function anyOf(outcomes: Outcome[]): Outcome {
  if (outcomes.includes(true)) return true;
  return outcomes.find((o) => o instanceof Undecided) ?? false;
}

/** Kleene conjunction: false if any is false; else undecided if any is; else true. */
export function allOf(outcomes: Outcome[]): Outcome {
  if (outcomes.includes(false)) return false;
  return outcomes.find((o) => o instanceof Undecided) ?? true;
}

/** The outcome, or the error that says why there is none. */
export function decided(outcome: Outcome): boolean {
  if (outcome instanceof Undecided) throw outcome;
  return outcome;
}
