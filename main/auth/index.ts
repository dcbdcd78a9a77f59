export { createAuthService, type AdminAuth, type AdminSession, type AuthDeps } from './auth-service';
