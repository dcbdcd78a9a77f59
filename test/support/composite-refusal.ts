import type { FaultSpec } from '../../packages/salesforce-emulator/index';

/** One refused subrequest as Salesforce reports it in a Composite answer. */
export interface SubrequestRefusal {
  referenceId: string;
  errorCode: string;
  fields: string[];
  message: string;
}

/**
 * Enable's second Composite call (after the pre-flight read) creates the permission set, its grants,
 * the user, its licence and the assignment, all or none. This fault answers it the way Salesforce
 * reports a validation error: HTTP 200, and the refused subrequest inside with its own 400.
 */
export function setupCompositeRefuses(refusal: SubrequestRefusal, fault: Pick<FaultSpec, 'times'> = {}): FaultSpec {
  const { referenceId, ...error } = refusal;
  return {
    method: 'POST',
    path: '/composite$',
    nth: 2,
    ...fault,
    respond: {
      status: 200,
      body: { compositeResponse: [{ referenceId, httpStatusCode: 400, httpHeaders: {}, body: [error] }] },
    },
  };
}

/** The integration user refused for its email address. */
export const invalidEmail = (message = 'Email: invalid email address'): SubrequestRefusal => ({
  referenceId: 'user',
  errorCode: 'FIELD_INTEGRITY_EXCEPTION',
  fields: ['Email'],
  message,
});
