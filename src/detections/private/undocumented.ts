/**
 * Thrown when whether a pattern matches depends on behaviour AWS does not document: a test that relied on a guess
 * would prove nothing, so the evaluator says so and names the way out.
 */
export class UndocumentedBehaviour extends Error {
  constructor(what: string, fix: string) {
    super(`Whether this matches depends on behaviour AWS does not document: ${what}. ${fix}`);
    this.name = 'UndocumentedBehaviour';
  }
}
