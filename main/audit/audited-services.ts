import { loginUrlOf, toAppError, type AccessProfile, type ConnectionState } from '../../common';
import type { AgentService } from '../agent/service';
import type { SettingsRepository } from '../store/settings-repository';
import { accessChange, isNoChange } from './access-change';
import type { AuditTrail } from './trail';

/** Org profiles as every host changes them: each save, removal, switch and org link is on the record. */
export function auditedSettings(settings: SettingsRepository, trail: AuditTrail): SettingsRepository {
  const profileEntry = (
    operation: string,
    summaryKey: 'profileCreated' | 'profileUpdated' | 'profileRemoved' | 'profileActivated',
    params: Record<string, string>,
  ) => trail.record({ operation, result: 'success', summaryKey, params });
  return {
    ...settings,
    saveProfile(input) {
      const existed = input.id !== undefined && settings.profile(input.id) !== undefined;
      const saved = settings.saveProfile(input);
      const params = { name: saved.name, loginUrl: loginUrlOf(saved) };
      profileEntry('profiles.save', existed ? 'profileUpdated' : 'profileCreated', params);
      return saved;
    },
    removeProfile(id) {
      const name = settings.profile(id)?.name ?? id;
      const next = settings.removeProfile(id);
      profileEntry('profiles.remove', 'profileRemoved', { name });
      return next;
    },
    activateProfile(id) {
      const wasActive = settings.get().activeProfileId === id;
      const next = settings.activateProfile(id);
      if (!wasActive) profileEntry('profiles.activate', 'profileActivated', { name: settings.profile(id)?.name ?? id });
      return next;
    },
    recordOrg(id, orgId, replace) {
      const before = settings.profile(id);
      const after = settings.recordOrg(id, orgId, replace);
      if (after && before?.orgId !== after.orgId) {
        trail.record({
          operation: 'profiles.save',
          result: 'success',
          summaryKey: 'profileOrgRecorded',
          params: { name: after.name, orgId },
          orgId,
        });
      }
      return after;
    },
  };
}

/** The agent's desired access as every host changes it: the before/after of each change is on the record. */
export function auditedAgent(agent: AgentService, trail: AuditTrail): AgentService {
  return {
    ...agent,
    async updateAccessProfile(profile: AccessProfile): Promise<ConnectionState> {
      const before = agent.accessProfile();
      const recordChange = () => {
        const change = accessChange(before, agent.accessProfile());
        if (!isNoChange(change))
          trail.record({ operation: 'agent.accessProfile.update', result: 'success', summaryKey: 'accessChanged', access: change });
        return !isNoChange(change);
      };
      try {
        const state = await agent.updateAccessProfile(profile);
        recordChange();
        return state;
      } catch (thrown) {
        // Saved, then the connection could not be told: the change itself still happened.
        if (!recordChange())
          trail.record({
            operation: 'agent.accessProfile.update',
            result: 'failure',
            summaryKey: 'accessRefused',
            params: { message: toAppError(thrown).message },
          });
        throw thrown;
      }
    },
  };
}
