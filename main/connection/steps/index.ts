import { accessGrantsStep } from './access-grants';
import { activationStep } from './activation';
import { assignmentStep } from './assignment';
import { appStep } from './external-client-app';
import { integrationUserStep } from './integration-user';
import { keyPairStep } from './key-pair';
import { licenceStep } from './licence';
import { permissionSetStep } from './permission-set';
import type { Step } from './step';
import { verificationStep } from './verification';
import { newKeyPairStep, replaceCertificateStep } from './certificate';

/** Enable, in order. Disable, Update access and Reconnect are other lists over the same steps. */
export const enableSteps: Step[] = [
  permissionSetStep,
  accessGrantsStep,
  integrationUserStep,
  licenceStep,
  assignmentStep,
  keyPairStep,
  appStep,
  activationStep,
  verificationStep,
];

/** Teardown order (fact TEARDOWN-ORDER): app first (stops tokens), assignments, licence, user, permission set. */
export const teardownSteps: Step[] = [appStep, assignmentStep, licenceStep, integrationUserStep, permissionSetStep];

export const updateAccessSteps: Step[] = [accessGrantsStep, activationStep, verificationStep];

/**
 * Repair: the smallest fix of what changed in the org. The permission set's grants are re-added, the
 * user is reactivated (or adopted when active), its licence and assignment looked up and re-added
 * where gone; the app, its consumer key and the certificate stay. Then proven as the agent.
 */
export const repairSteps: Step[] = [accessGrantsStep, integrationUserStep, licenceStep, assignmentStep, activationStep, verificationStep];

/** Rotate key: a new key pair, its certificate on the app (the consumer key stays), then proven as the agent. */
export const rotateKeySteps: Step[] = [newKeyPairStep, replaceCertificateStep, activationStep, verificationStep];
