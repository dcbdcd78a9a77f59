/** What a review offers besides the plan: a take-over of another install's connection. */
export interface ReviewOptions {
  /** The run takes over a connection another install manages: the review says what that breaks. */
  takeOver?: boolean;
}

/** What the admin confirmed: the plan's id, and whether grants added by hand go too (Update access). */
export interface Reviewed {
  planId: string;
  removeHandAdded: boolean;
  /** Turn on: values for the User fields the org's own setup asks for (empty when it asks none). */
  userFields?: Record<string, string>;
}
